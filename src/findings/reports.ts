// The data of the doctor and health reports: produced by the model and api, rendered by formatters (a leaf, like findings).
import type { Location } from './index.js';

// Doctor (sfmeta-lint doctor external-users)

export type DoctorStatus = 'pass' | 'fail' | 'cannot-tell' | 'manual';

export interface DoctorLocation {
  /** Relative to the project root, `/`-separated. */
  file: string;
  line: number;
  column: number;
}

/** How to answer a manual step in the org. */
export interface DoctorCheck {
  soql?: string;
  setup?: string;
}

export interface DoctorStep {
  id: string;
  title: string;
  status: DoctorStatus;
  /** What decided the status: the rule's messages for fail / cannot tell, the deciding fact for pass. */
  detail: string;
  /** Where: the findings for fail / cannot tell, the element that decided a pass, related project facts for a manual step. */
  locations: DoctorLocation[];
  /** What to do when the step does not pass. */
  fix: string;
  /** The rule that decides the step; absent for manual steps. */
  rule?: string;
  /** The Salesforce article or document the step comes from. */
  source: string;
  /** Manual steps: the SOQL query or Setup path that answers them. */
  check?: DoctorCheck;
}

export interface DoctorProfile {
  name: string;
  file: string;
  license?: string;
  /** Grants Manage External Users or Manage Customer Users (or Manage Users for contactless users). */
  manager: boolean;
}

export interface DoctorLayout {
  /** Decoded name, e.g. `Contact-Contact Layout`; undefined when the project has no Contact layout. */
  layout?: string;
  /** The layout's file; undefined when it is not in the project. */
  file?: string;
  profiles: DoctorProfile[];
  steps: DoctorStep[];
  failed: boolean;
}

export interface DoctorReport {
  /** False for a project without Experience Cloud: then `layouts` is empty and `summary` says so. */
  usesExternalUsers: boolean;
  /** Why the project counts as using external users (the first piece of evidence found). */
  evidence?: { reason: string; location: DoctorLocation };
  /** One sentence for the top of the report. */
  summary: string;
  filters: { profile?: string; layout?: string };
  /** Things the reader should know about the walk itself (files not parsed, a profile without Contact layouts, ...). */
  notes: string[];
  /** External-user rules that crashed; their steps say cannot tell. */
  internalErrors: { ruleId: string; message: string }[];
  layouts: DoctorLayout[];
  /** True when any step of any layout fails: the CLI exits 1. */
  failed: boolean;
}

// Health (sfmeta-lint health)

export type RiskGroup = 'High' | 'Medium' | 'Low' | 'Informational';
export type HealthStatus = 'compliant' | 'warning' | 'critical' | 'not-set';
export type HealthGrade = 'Excellent' | 'Very Good' | 'Good' | 'Poor' | 'Very Poor';
/** Which rule reports a setting: `password-policy-baseline`, `session-security-baseline`, or neither (`login-access` has its own rule). */
export type HealthArea = 'password' | 'session' | 'login-access';

export interface HealthRow {
  setting: string;
  label: string;
  riskGroup: RiskGroup;
  area: HealthArea;
  /** `org`: Security.settings; `profile`: a ProfilePasswordPolicy / ProfileSessionSetting override. */
  scope: 'org' | 'profile';
  /** The profile a profile-level row belongs to (its `<profile>` element). */
  profile?: string;
  /** The value as written, with the Health Check value in parentheses when a profile file codes it as a number. */
  yourValue?: string;
  baselineValue: string;
  status: HealthStatus;
  /** The element that holds the value. */
  location?: Location;
}

export interface HealthEvaluation {
  baseline: string;
  rows: HealthRow[];
  /** 0-100, over the org-wide rows that are set and not Informational; undefined when there are none. */
  score?: number;
  grade?: HealthGrade;
  /** How many rows the score is computed from. */
  scoredSettings: number;
  /** How many org-wide settings the baseline lists (the score's coverage is scoredSettings of these, Informational ones aside). */
  orgSettings: number;
  hasSecuritySettings: boolean;
}
