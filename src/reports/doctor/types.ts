// The data of the doctor report: built by the walk (index.ts, with rule-steps.ts and manual-steps.ts), rendered by format.ts.

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
