// The command line: commander parses arguments into a command (lint is the default), which prints and returns the exit code.
import { Command } from 'commander';
import { ownPackage } from '../project/fs.js';
import { defineInitCommand } from './init.js';
import { commanderError, EXIT_ERROR, EXIT_OK, oneLine, UsageError, type Io } from './io.js';
import { defineLintOptions, runLint, type LintCliOptions } from './lint.js';
import { defineLspCommand } from './lsp.js';
import { defineDoctorCommand, defineHealthCommand, type Dispatch } from './reports.js';

export { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type Io } from './io.js';
export { progressLine } from './progress.js';

function buildProgram(io: Io, dispatch: Dispatch): Command {
  const program = new Command('sfmeta-lint')
    .description('Static analysis for Salesforce metadata: external users, security posture and deployability, at exact lines.')
    .version(ownPackage().version, '-v, --version')
    // Options after a subcommand's name are that subcommand's (`health -f json`), not the lint command's.
    .enablePositionalOptions()
    .exitOverride()
    // A mistake in the command line is one line (with a "did you mean" where one is close), not the whole help.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(commanderError(text)) });
  defineLintOptions(program).action((paths: string[], options: LintCliOptions) => dispatch(() => runLint(paths, options, io)));
  defineHealthCommand(program, io, dispatch);
  defineDoctorCommand(program, io, dispatch);
  defineInitCommand(program, io, dispatch);
  defineLspCommand(program, dispatch);
  return program;
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  let debug = false;
  const dispatch: Dispatch = async (run) => {
    try {
      code = await run();
    } catch (error) {
      const known = error instanceof UsageError || ['ConfigError', 'ProjectError'].includes((error as Error)?.constructor?.name);
      const message = known ? (error as Error).message : `internal error: ${(error as Error)?.message ?? String(error)}`;
      io.stderr(`sfmeta-lint: ${oneLine(message)}\n`);
      if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      code = EXIT_ERROR;
    }
  };
  const program = buildProgram(io, dispatch);
  program.hook('preAction', (_program, command) => {
    debug = Boolean(command.opts()['debug']);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  }
  return code;
}
