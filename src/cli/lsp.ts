// `sfmeta-lint lsp`: the language server for editors, over stdin and stdout (src/lsp).
import type { Command } from 'commander';
import type { Dispatch } from './reports.js';

export function defineLspCommand(program: Command, dispatch: Dispatch): void {
  program
    .command('lsp')
    .description('Run the language server for editors (LSP over stdin and stdout); see docs/editor.md.')
    .option('--stdio', 'talk over stdin and stdout (the only transport; clients pass it)')
    .option('--clientProcessId <pid>', 'exit when this process (the editor) is gone; clients pass it')
    .action(() =>
      dispatch(async () => {
        // Loaded only for this command: the CLI's other commands do not pay for the protocol library.
        const { runServer } = await import('../lsp/index.js');
        return runServer();
      }),
    );
}
