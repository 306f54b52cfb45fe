// The report subcommands: `sfmeta-lint health` and `sfmeta-lint doctor <topic>`.
import { Option, type Command } from 'commander';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, oneLine, oneOf, UsageError, type Io } from './io.js';
import { didYouMean } from '../config/suggest.js';
import { nonNegativeInteger } from './lint.js';

const REPORT_FORMATS = ['text', 'json', 'markdown'] as const;
const DOCTOR_TOPICS = ['external-users'];

interface ReportOptions {
  format: (typeof REPORT_FORMATS)[number];
  config?: string;
  securityBaseline?: string;
  minScore?: number;
  profile?: string;
  layout?: string;
  debug?: boolean;
}

/** Runs a subcommand's action and keeps its exit code for main(). */
export type Dispatch = (run: () => Promise<number>) => Promise<void>;

function reportCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .addOption(new Option('-f, --format <name>', 'text, json or markdown').argParser(oneOf(REPORT_FORMATS)).default('text'))
    .option('-c, --config <file>', 'use this configuration file instead of the one in the project root')
    .option('--debug', 'show stack traces of internal errors');
}

export function defineHealthCommand(program: Command, io: Io, dispatch: Dispatch): void {
  reportCommand(program, 'health', "Predict the Health Check score and grade of the project's security settings once deployed.")
    .argument('[paths...]', 'the project (default: the current folder)')
    .option('--security-baseline <file>', 'a Health Check custom baseline export (XML) instead of the Salesforce Baseline Standard')
    .option('--min-score <n>', 'exit 1 when the predicted score is below n', nonNegativeInteger)
    .action((paths: string[], options: ReportOptions) => dispatch(() => runHealth(paths, options, io)));
}

export function defineDoctorCommand(program: Command, io: Io, dispatch: Dispatch): void {
  reportCommand(program, 'doctor', 'Walk a troubleshooting path through the project. Topic: external-users.')
    .argument('<topic>', 'external-users: why the "Manage External User" button is missing, or users cannot be enabled')
    .argument('[paths...]', 'the project (default: the current folder)')
    .option('--profile <name>', 'only the Contact layouts of this profile')
    .option('--layout <name>', 'only this Contact layout')
    .action((topic: string, paths: string[], options: ReportOptions) => dispatch(() => runDoctor(topic, paths, options, io)));
}

async function runDoctor(topic: string, paths: string[], options: ReportOptions, io: Io): Promise<number> {
  if (!DOCTOR_TOPICS.includes(topic))
    throw new UsageError(
      `Unknown doctor topic "${topic}": expected one of ${DOCTOR_TOPICS.join(', ')}${didYouMean(topic, DOCTOR_TOPICS) || '.'}`,
    );
  const { doctorExternalUsers, formatDoctor } = await import('../reports/doctor/index.js');
  const report = await doctorExternalUsers({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.layout !== undefined ? { layout: options.layout } : {}),
  });
  io.stdout(formatDoctor(report, options.format));
  for (const e of report.internalErrors) io.stderr(`sfmeta-lint: internal error in rule ${e.ruleId}: ${e.message}\n`);
  if (report.internalErrors.length > 0) return EXIT_ERROR;
  return report.failed ? EXIT_FINDINGS : EXIT_OK;
}

async function runHealth(paths: string[], options: ReportOptions, io: Io): Promise<number> {
  const { formatHealth, healthReport } = await import('../reports/health/index.js');
  const { evaluation, warnings } = await healthReport({
    cwd: io.cwd,
    paths,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.securityBaseline ? { securityBaseline: options.securityBaseline } : {}),
  });
  for (const warning of warnings) io.stderr(`sfmeta-lint: ${oneLine(warning)}\n`);
  io.stdout(formatHealth(evaluation, options.format));
  const below = options.minScore !== undefined && evaluation.score !== undefined && evaluation.score < options.minScore;
  return below ? EXIT_FINDINGS : EXIT_OK;
}
