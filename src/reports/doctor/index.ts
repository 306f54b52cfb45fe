// doctorExternalUsers(options): the "Manage External User" troubleshooting path walked per Contact layout, decided by the external-user rules' findings.
import { ConfigError } from '../../config/index.js';
import { compareStrings } from '../../findings/index.js';
import * as doctor from './lookups.js';
import { external, type PermissionContainer, type ProjectModel } from '../../model/index.js';
import { ruleById } from '../../rules/index.js';
import { analyze } from '../../api/index.js';
import { manualSteps } from './manual-steps.js';
import { EXTERNAL_USER_RULES, ruleSteps, type Walk } from './rule-steps.js';
import type { DoctorLayout, DoctorReport } from './types.js';

export { EXTERNAL_USER_RULES } from './rule-steps.js';
export { DOCTOR_FORMATS, formatDoctor, type DoctorFormat } from './format.js';
export type { DoctorStatus, DoctorLocation, DoctorCheck, DoctorStep, DoctorProfile, DoctorLayout, DoctorReport } from './types.js';

export interface DoctorOptions {
  cwd: string;
  paths: string[];
  configFile?: string;
  /** Walk only this profile (decoded or encoded name, case-insensitive). */
  profile?: string;
  /** Walk only this Contact layout (`Contact-Name` or `Name`; decoded or encoded, case-insensitive). */
  layout?: string;
}

/**
 * Walks the external-user troubleshooting path for each Contact layout (or the one named) and the profiles
 * assigned to it (or the one named). Throws ConfigError for a --profile or --layout that names nothing,
 * and ConfigError / ProjectError as analyze() does for a bad configuration or path.
 */
export async function doctorExternalUsers(options: DoctorOptions): Promise<DoctorReport> {
  const analysis = await analyze({
    cwd: options.cwd,
    paths: options.paths,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    only: [...EXTERNAL_USER_RULES],
    // The doctor diagnoses: a rule the configuration turned off or down still answers its step.
    ruleSeverities: Object.fromEntries(EXTERNAL_USER_RULES.map((id) => [id, ruleById(id)!.meta.defaultSeverity])),
  });
  const model = analysis.model;
  // Suppressions and the baseline record what a team accepted; the doctor reports what is, so it reads every finding.
  const findings = analysis.findings.filter((f) => (EXTERNAL_USER_RULES as readonly string[]).includes(f.ruleId));
  const internalErrors = analysis.internalErrors.map((e) => ({ ruleId: e.ruleId, message: e.message }));
  const crashed = new Map(internalErrors.map((e) => [e.ruleId, e.message]));
  const filters = { ...(options.profile !== undefined ? { profile: options.profile } : {}), ...(options.layout !== undefined ? { layout: options.layout } : {}) };

  const refs = doctor.contactLayouts(model);
  const profile = options.profile !== undefined ? findProfile(model, options.profile) : undefined;
  const named = options.layout !== undefined ? findLayouts(refs, options.layout) : undefined;

  const notes = model.problems.map((p) => `${p.file} was not read (${p.message}): steps that depend on it may be wrong.`);
  const evidence = external.externalUseEvidence(model);
  if (!evidence) {
    return {
      usesExternalUsers: false,
      summary:
        'The project does not use external users: it has no external profile in use (a standard one that no site names does not count), Experience Cloud site, Contact layout offering Enable Customer/Partner User, Digital Experiences setting or custom profile or permission set that manages external users. Nothing to check.',
      filters,
      notes,
      internalErrors,
      layouts: [],
      failed: false,
    };
  }

  const walked = layoutsToWalk(refs, named, profile, notes);
  const permissionSetFiles = new Set(model.permissionSets.all.flatMap((ps) => ps.files.map((f) => f.path)));
  const layouts = walked.map((ref) => walkLayout({ model, findings, crashed, permissionSetFiles }, ref, profile));
  const failed = layouts.some((l) => l.failed);
  return {
    usesExternalUsers: true,
    evidence: { reason: evidence.reason, location: doctor.toDoctorLocation(evidence.location) },
    summary: summary(layouts, failed),
    filters,
    notes,
    internalErrors,
    layouts,
    failed,
  };
}

function findProfile(model: ProjectModel, name: string): PermissionContainer {
  const found = model.profiles.get(name);
  if (found) return found;
  const known = model.profiles.all.map((p) => p.name).sort(compareStrings);
  throw new ConfigError(
    known.length === 0
      ? `--profile ${JSON.stringify(name)}: the project has no profiles.`
      : `--profile ${JSON.stringify(name)}: no such profile in the project. Profiles: ${[...new Set(known)].join(', ')}.`,
  );
}

function findLayouts(refs: doctor.ContactLayoutRef[], name: string): doctor.ContactLayoutRef[] {
  const found = refs.filter((r) => doctor.layoutMatches(r, name));
  if (found.length > 0) return found;
  throw new ConfigError(
    refs.length === 0
      ? `--layout ${JSON.stringify(name)}: the project has no Contact layout and no profile assigns one.`
      : `--layout ${JSON.stringify(name)}: no such Contact layout in the project. Contact layouts: ${refs.map((r) => r.name).join(', ')}.`,
  );
}

/** The layouts to walk (one undefined when the project has none), with a note wherever that differs from what was asked. */
function layoutsToWalk(
  refs: doctor.ContactLayoutRef[],
  named: doctor.ContactLayoutRef[] | undefined,
  profile: PermissionContainer | undefined,
  notes: string[],
): (doctor.ContactLayoutRef | undefined)[] {
  let walked: (doctor.ContactLayoutRef | undefined)[] = named ?? refs;
  if (!named && profile) {
    const assigned = refs.filter((r) => r.assignments.some((a) => a.profile === profile));
    if (assigned.length > 0) walked = assigned;
    else notes.push(`Profile ${profile.name} lists no Contact layout assignment in the project (its assignments may live in the org): every Contact layout is walked for it.`);
  }
  if (named && profile) {
    for (const ref of named) {
      if (!ref.assignments.some((a) => a.profile === profile)) notes.push(`Profile ${profile.name} is not assigned layout ${ref.name} in the project; it is walked as asked.`);
    }
  }
  if (walked.length === 0) {
    walked = [undefined];
    notes.push('The project has no Contact layout: the layout steps cannot be answered from it.');
  }
  return walked;
}

/** One layout's walk: its profiles, the rule steps, then the manual steps. */
function walkLayout(run: Pick<Walk, 'model' | 'findings' | 'crashed' | 'permissionSetFiles'>, ref: doctor.ContactLayoutRef | undefined, profile: PermissionContainer | undefined): DoctorLayout {
  const { model } = run;
  const profiles = profile ? [profile] : ref ? doctor.assignedProfiles(ref) : [];
  const layout = ref?.views[0];
  const walk: Walk = {
    ...run,
    ...(ref ? { ref } : {}),
    ...(layout ? { layout } : {}),
    layoutFiles: new Set(ref?.views.flatMap((v) => v.files.map((f) => f.path)) ?? []),
    profiles,
    profileFiles: new Set(profiles.flatMap((p) => p.files.map((f) => f.path))),
    managers: doctor.managerProfiles(model, profiles),
  };
  const steps = [...ruleSteps(walk), ...manualSteps(model)];
  return {
    ...(ref ? { layout: ref.name } : {}),
    ...(layout ? { file: layout.file.path } : {}),
    profiles: profiles.map((p) => ({
      name: p.name,
      file: p.file.path,
      ...(p.license ? { license: p.license.value } : {}),
      manager: external.managerGrant(p, model) !== undefined && external.isInternalProfile(p),
    })),
    steps,
    failed: steps.some((s) => s.status === 'fail'),
  };
}

function summary(layouts: DoctorLayout[], failed: boolean): string {
  const failing = layouts.reduce((n, l) => n + l.steps.filter((s) => s.status === 'fail').length, 0);
  const walkedLayouts = layouts.filter((l) => l.layout !== undefined).length;
  const scope = walkedLayouts === 0 ? 'the project (it has no Contact layout)' : `${walkedLayouts} Contact layout${walkedLayouts === 1 ? '' : 's'}`;
  return failed
    ? `${failing} step${failing === 1 ? '' : 's'} fail${failing === 1 ? 's' : ''} on ${walkedLayouts === 0 ? scope : `${layouts.filter((l) => l.failed).length} of ${scope}`}: fix them in order, the first one first.`
    : `No step fails on ${scope}; check the steps marked cannot tell and the manual steps in the org.`;
}
