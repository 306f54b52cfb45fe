// The language server end to end: the built `sfmeta-lint lsp --stdio` driven over stdio by a real JSON-RPC client
// (vscode-languageserver-protocol), on a copy of the sample project. After every step the diagnostics the client holds
// must be exactly the findings lint() gives for the same texts, buffers included.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, ruleDocsUrl } from '../../src/api/index.js';
import { applyWorkspaceEdit, LspClient, until, uri } from '../support/lsp-client.js';
import { BIN, ROOT } from '../support/paths.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function sampleCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfmeta-lint-lsp-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'sample-project'), dir, { recursive: true });
  return dir;
}

const LAYOUT = 'force-app/main/default/layouts/Contact-Contact Layout.layout-meta.xml';
const SALES = 'force-app/main/default/profiles/Custom%3A Sales Profile.profile-meta.xml';
const PARTNER_USER = 'force-app/main/default/profiles/Partner Community User.profile-meta.xml';
const GUEST = 'force-app/main/default/profiles/Partners Profile.profile-meta.xml';
const SECURITY = 'force-app/main/default/settings/Security.settings-meta.xml';

/** A diagnostic as compared: what the user sees of it. */
function shape(d: Diagnostic) {
  return {
    range: d.range,
    severity: d.severity,
    code: d.code,
    href: d.codeDescription?.href,
    source: d.source,
    message: d.message,
    related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, range: r.location.range, message: r.message })),
  };
}

/** What the diagnostics must be: lint() over the same project, with the same unsaved buffers. */
async function expected(root: string, buffers: Record<string, string> = {}) {
  const overlays = new Map(Object.entries(buffers).map(([file, text]) => [path.join(root, file), text]));
  const run = await lint({ cwd: root, overlays });
  const byUri = new Map<string, ReturnType<typeof shape>[]>();
  const range = (r: { startLine: number; startColumn: number; endLine: number; endColumn: number }) => ({
    start: { line: r.startLine - 1, character: r.startColumn - 1 },
    end: { line: r.endLine - 1, character: r.endColumn - 1 },
  });
  for (const f of run.findings) {
    const key = uri(path.join(root, f.location.file));
    byUri.set(key, [
      ...(byUri.get(key) ?? []),
      {
        range: range(f.location.range),
        severity: { error: 1, warning: 2, note: 3 }[f.severity],
        code: f.ruleId,
        href: ruleDocsUrl(f.ruleId),
        source: 'sfmeta-lint',
        message: f.message,
        related: f.related.map((r) => ({ uri: uri(path.join(root, r.file)), range: range(r.range), message: r.message })),
      },
    ]);
  }
  return byUri;
}

function held(client: LspClient) {
  return new Map([...client.diagnostics].filter(([, p]) => p.diagnostics.length > 0).map(([u, p]) => [u, p.diagnostics.map(shape)]));
}

/**
 * Waits until the diagnostics the client holds are lint()'s for the same texts: an analysis publishes its files one
 * notification at a time, so the last of them may still be on its way.
 */
async function settles(client: LspClient, root: string, buffers: Record<string, string> = {}): Promise<void> {
  const want = await expected(root, buffers);
  await until(() => isDeepStrictEqual(held(client), want), 10_000, 'the diagnostics to settle').catch(() => undefined);
  expect(held(client)).toEqual(want);
}

describe('sfmeta-lint lsp, driven over stdio', () => {
  let root: string;
  let client: LspClient;
  const at = (file: string) => path.join(root, file);
  const text = (file: string) => readFileSync(at(file), 'utf8');

  beforeAll(async () => {
    root = sampleCopy();
    client = new LspClient(root);
  });
  afterAll(() => client.kill());

  it('initializes, analyses the project once with progress, and registers for file changes', async () => {
    const result = await client.initialize([root]);
    expect(result.serverInfo?.name).toBe('sfmeta-lint');
    expect(result.capabilities).toMatchObject({
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      textDocumentSync: { openClose: true, change: 2 },
    });
    await client.analysed();
    const kinds = client.progress.map((p) => p.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(client.progress.filter((p) => p.kind === 'report').at(-1)).toMatchObject({ percentage: 100 });
    expect(client.registrations).toEqual([
      expect.objectContaining({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*' }] } }),
    ]);
    // Every file with findings, not only the open ones: the whole project is analysed once at the start.
    const want = await expected(root, {});
    expect(want.size).toBeGreaterThan(20);
    await until(() => held(client).size === want.size, 10_000, 'the diagnostics of the whole project');
    await settles(client, root);
  });

  it('gives each diagnostic its exact range, severity, rule, documentation link and related locations', () => {
    const [first] = client.diagnosticsOf(at(LAYOUT));
    // Line 4 of the layout, `<excludeButtons>EnablePartnerPortalUser</excludeButtons>` after 4 spaces.
    expect(first).toMatchObject({
      range: { start: { line: 3, character: 4 }, end: { line: 3, character: 60 } },
      severity: 2,
      code: 'contact-layout-external-user-actions',
      codeDescription: { href: ruleDocsUrl('contact-layout-external-user-actions') },
      source: 'sfmeta-lint',
      relatedInformation: [{ location: { uri: uri(at(SALES)) }, message: expect.stringContaining('Custom: Sales Profile') }],
    });
    const line = text(LAYOUT).split('\n')[3]!;
    expect(line.slice(first!.range.start.character, first!.range.end.character)).toBe(
      '<excludeButtons>EnablePartnerPortalUser</excludeButtons>',
    );
  });

  it('an unsaved edit to a profile updates the diagnostics of the Contact layout assigned to it', async () => {
    const before = client.diagnosticsOf(at(LAYOUT)).map(shape);
    expect(before.length).toBeGreaterThan(0);
    const original = text(SALES);
    // The sales profile stops managing partners: its Contact layout no longer needs the Enable actions.
    const edited = original.replace(
      '<enabled>true</enabled>\n        <name>ManagePartners</name>',
      '<enabled>false</enabled>\n        <name>ManagePartners</name>',
    );
    expect(edited).not.toBe(original);
    await client.open(at(SALES), original);
    const layoutUpdate = client.next(at(LAYOUT));
    const profileUpdate = client.next(at(SALES), (p) => p.version === 2);
    await client.change(at(SALES), edited);
    await Promise.all([layoutUpdate, profileUpdate]);
    expect(client.diagnosticsOf(at(LAYOUT)).map(shape)).not.toEqual(before);
    await settles(client, root, { [SALES]: edited });
    expect(text(SALES)).toBe(original);
    // Closing the buffer unsaved: the disk stands again, and so do the layout's diagnostics.
    const restored = client.next(at(LAYOUT));
    await client.close(at(SALES));
    await restored;
    expect(client.diagnosticsOf(at(LAYOUT)).map(shape)).toEqual(before);
    await settles(client, root);
  });

  it('a half-typed file gets a parse diagnostic at the error, and the rest of the project keeps its diagnostics', async () => {
    const original = text(LAYOUT);
    const cut = original.indexOf('<layoutSections>') + '<layoutSec'.length;
    const broken = original.slice(0, cut);
    const others = (map: ReturnType<typeof held>) => new Map([...map].filter(([u]) => u !== uri(at(LAYOUT))));
    const othersBefore = others(held(client));
    await client.open(at(LAYOUT), original);
    const update = client.next(at(LAYOUT), (p) => p.diagnostics.some((d) => d.code === 'parse-error'));
    await client.change(at(LAYOUT), broken);
    const { diagnostics } = await update;
    expect(diagnostics.map((d) => d.code)).toEqual(['parse-error']);
    // The error is where the text ends, on the layoutSections line.
    expect(diagnostics[0]!.range.start.line).toBe(broken.split('\n').length - 1);
    await settles(client, root, { [LAYOUT]: broken });
    // Every other file keeps exactly its diagnostics, but for the profile the layout is assigned to: it now reads the
    // layout as missing from the project.
    const othersAfter = others(held(client));
    const differ = [...new Set([...othersBefore.keys(), ...othersAfter.keys()])].filter(
      (u) => !isDeepStrictEqual(othersBefore.get(u), othersAfter.get(u)),
    );
    expect(differ).toEqual([uri(at(SALES))]);
    expect(othersAfter.size).toBe(othersBefore.size);
    // Typed to the end again.
    const healed = client.next(at(LAYOUT), (p) => p.diagnostics.every((d) => d.code !== 'parse-error'));
    await client.change(at(LAYOUT), original);
    await healed;
    await settles(client, root);
    await client.close(at(LAYOUT));
  });

  it('hover on a diagnostic shows the message and the README on why it matters and how to fix it', async () => {
    const [first] = client.diagnosticsOf(at(LAYOUT));
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: uri(at(LAYOUT)) },
      position: { line: first!.range.start.line, character: first!.range.start.character + 3 },
    });
    const value = (hover.contents as { kind: string; value: string }).value;
    expect((hover.contents as { kind: string }).kind).toBe('markdown');
    expect(value).toContain(first!.message);
    expect(value).toContain('### Why');
    expect(value).toContain('### How to fix');
    const readme = readFileSync(path.join(ROOT, 'src/rules/contact-layout-external-user-actions/README.md'), 'utf8');
    expect(value).toContain(readme.split('## How to fix\n')[1]!.split('\n## ')[0]!.trim().split('\n')[0]);
    expect(hover.range).toEqual(first!.range);
    // Nowhere near a finding: no hover.
    expect(
      await client.request('textDocument/hover', { textDocument: { uri: uri(at(LAYOUT)) }, position: { line: 0, character: 0 } }),
    ).toBeNull();
  });

  async function actionsAt(file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri(at(file)) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
  }

  it('offers the fix as the preferred quick fix; applied, it gives what --fix writes and the finding is gone', async () => {
    const original = text(PARTNER_USER);
    const diagnostic = client.diagnosticsOf(at(PARTNER_USER)).find((d) => d.code === 'external-profile-admin-permissions')!;
    expect(diagnostic).toBeDefined();
    await client.open(at(PARTNER_USER), original);
    const actions = await actionsAt(PARTNER_USER, diagnostic);
    const fix = actions.find((a) => a.isPreferred);
    expect(fix).toMatchObject({ kind: 'quickfix', diagnostics: [expect.objectContaining({ code: diagnostic.code })] });
    const fixed = applyWorkspaceEdit(fix!.edit!, uri(at(PARTNER_USER)), original);
    // The oracle: the CLI's --fix on another copy, for this rule only.
    const other = sampleCopy();
    const cli = spawnSync(process.execPath, [BIN, '--fix', '--only', 'external-profile-admin-permissions', '--fail-on', 'never'], {
      cwd: other,
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(fixed).toBe(readFileSync(path.join(other, PARTNER_USER), 'utf8'));
    const update = client.next(at(PARTNER_USER), (p) => p.version === 2);
    await client.change(at(PARTNER_USER), fixed);
    const { diagnostics } = await update;
    expect(diagnostics.filter((d) => d.code === 'external-profile-admin-permissions')).toEqual([]);
    await settles(client, root, { [PARTNER_USER]: fixed });
    const back = client.next(at(PARTNER_USER));
    await client.close(at(PARTNER_USER));
    await back;
  });

  it('offers suggestions as quick fixes that are not preferred', async () => {
    const diagnostic = client.diagnosticsOf(at(GUEST)).find((d) => d.code === 'guest-profile-object-access' && d.severity === 2)!;
    const actions = await actionsAt(GUEST, diagnostic);
    const edits = actions.filter((a) => a.edit && !a.title.startsWith('Disable'));
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((a) => !a.isPreferred && a.kind === 'quickfix')).toBe(true);
  });

  it('"disable for this line" inserts an indented suppression comment with a reason, which silences the finding', async () => {
    const original = text(SECURITY);
    const diagnostic = client.diagnosticsOf(at(SECURITY)).find((d) => d.code === 'trusted-ip-range-too-broad')!;
    await client.open(at(SECURITY), original);
    const actions = await actionsAt(SECURITY, diagnostic);
    const disable = actions.find((a) => a.title === 'Disable trusted-ip-range-too-broad for this line')!;
    expect(disable).toBeDefined();
    const edited = applyWorkspaceEdit(disable.edit!, uri(at(SECURITY)), original);
    const lines = edited.split('\n');
    const line = diagnostic.range.start.line;
    const indent = /^\s*/u.exec(original.split('\n')[line]!)![0];
    expect(lines[line]).toBe(`${indent}<!-- sfmeta-lint-disable-next-line trusted-ip-range-too-broad -- reason -->`);
    expect(lines.slice(line + 1).join('\n')).toBe(original.split('\n').slice(line).join('\n'));
    const update = client.next(at(SECURITY), (p) => p.version === 2);
    await client.change(at(SECURITY), edited);
    const { diagnostics } = await update;
    expect(diagnostics.map((d) => d.code)).not.toContain('trusted-ip-range-too-broad');
    expect(diagnostics.map((d) => d.code)).not.toContain('unused-suppression');
    await settles(client, root, { [SECURITY]: edited });
    const back = client.next(at(SECURITY));
    await client.close(at(SECURITY));
    await back;
  });

  it('"show documentation" opens the rule\'s documentation in the client', async () => {
    const diagnostic = client.diagnosticsOf(at(SECURITY)).find((d) => d.code === 'trusted-ip-range-too-broad')!;
    const actions = await actionsAt(SECURITY, diagnostic);
    const docs = actions.find((a) => a.title === 'Show documentation for trusted-ip-range-too-broad')!;
    expect(docs.command?.command).toBe('sfmeta-lint.showDocumentation');
    await client.request('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    expect(client.shownDocuments).toEqual([ruleDocsUrl('trusted-ip-range-too-broad')]);
  });

  it('reloads the configuration, .forceignore and the baseline when they change on disk', async () => {
    const config = path.join(root, 'sfmeta-lint.config.json');
    const before = JSON.parse(readFileSync(config, 'utf8')) as { rules: Record<string, unknown> };
    writeFileSync(config, JSON.stringify({ ...before, rules: { ...before.rules, 'trusted-ip-range-too-broad': 'off' } }));
    let update = client.next(at(SECURITY));
    await client.filesChanged([{ file: config, type: 2 }]);
    await update;
    expect(client.diagnosticsOf(at(SECURITY)).map((d) => d.code)).not.toContain('trusted-ip-range-too-broad');
    await settles(client, root);

    // A broken configuration: the server says why, keeps the diagnostics it has, and stays up.
    const heldBefore = held(client);
    writeFileSync(config, '{ "rules": { "no-such-rule": "error" } }');
    await client.filesChanged([{ file: config, type: 2 }]);
    await until(
      () => client.shownMessages.some((m) => m.type === 1 && m.message.includes('no-such-rule')),
      10_000,
      'the configuration error',
    );
    expect(held(client)).toEqual(heldBefore);
    writeFileSync(config, JSON.stringify(before));
    update = client.next(at(SECURITY), (p) => p.diagnostics.some((d) => d.code === 'trusted-ip-range-too-broad'));
    await client.filesChanged([{ file: config, type: 2 }]);
    await update;
    await settles(client, root);

    writeFileSync(
      path.join(root, '.forceignore'),
      `${readFileSync(path.join(root, '.forceignore'), 'utf8')}\n**/settings/Security.settings-meta.xml\n`,
    );
    update = client.next(at(SECURITY), (p) => p.diagnostics.length === 0);
    await client.filesChanged([{ file: path.join(root, '.forceignore'), type: 2 }]);
    await update;
    await settles(client, root);

    const baseline = spawnSync(process.execPath, [BIN, '--write-baseline', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' });
    expect(baseline.status, baseline.stderr).toBe(0);
    await client.filesChanged([{ file: path.join(root, 'sfmeta-lint-baseline.json'), type: 1 }]);
    await until(() => held(client).size === 0, 10_000, 'every finding to be baselined');
  });

  it('wrote nothing but the protocol on stdout, and exits with 0 after shutdown and exit', async () => {
    expect(client.errors).toEqual([]);
    expect(await client.stop()).toBe(0);
  });
});

describe('sfmeta-lint lsp with a client that watches no files (Neovim on Linux)', () => {
  it('analyses again when a file is saved, and exits with 1 on exit without shutdown', async () => {
    const root = sampleCopy();
    const client = new LspClient(root);
    try {
      await client.initialize([root], { window: { workDoneProgress: true } });
      await client.analysed();
      expect(client.registrations).toEqual([]);
      const security = path.join(root, SECURITY);
      await until(() => client.diagnosticsOf(security).length > 0, 10_000, 'the diagnostics');
      // The configuration changes on disk behind the editor's back; the save of an open document is when the server hears of it.
      const original = readFileSync(security, 'utf8');
      await client.open(security, original);
      writeFileSync(path.join(root, 'sfmeta-lint.config.json'), JSON.stringify({ rules: { 'session-security-baseline': 'off' } }));
      const update = client.next(security, (p) => !p.diagnostics.some((d) => d.code === 'session-security-baseline'));
      await client.save(security);
      await update;
      await settles(client, root);
      await client.connection.sendNotification('exit');
      expect(await client.exited).toBe(1);
    } finally {
      client.kill();
    }
  });
});

describe('sfmeta-lint lsp: workspace folders, and a project it cannot read', () => {
  it('a project it cannot read (broken sfdx-project.json) is reported, and the server stays up', async () => {
    const root = sampleCopy();
    writeFileSync(path.join(root, 'sfdx-project.json'), '{ "packageDirectories": [ ');
    const client = new LspClient(root);
    try {
      await client.initialize([root]);
      await client.analysed();
      await until(() => client.shownMessages.some((m) => m.type === 1 && m.message.includes('sfdx-project.json')), 10_000, 'the error');
      expect(held(client).size).toBe(0);
      expect(
        await client.request('textDocument/hover', {
          textDocument: { uri: uri(path.join(root, LAYOUT)) },
          position: { line: 3, character: 8 },
        }),
      ).toBeNull();
      expect(await client.stop()).toBe(0);
    } finally {
      client.kill();
    }
  });

  it('follows workspace folders as they are added and removed', async () => {
    const root = sampleCopy();
    const client = new LspClient(root);
    try {
      await client.initialize([]);
      const security = path.join(root, SECURITY);
      const published = client.next(security, (p) => p.diagnostics.length > 0);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uri(root), name: 'sample' }], removed: [] },
      });
      await published;
      await settles(client, root);
      const cleared = client.next(security, (p) => p.diagnostics.length === 0);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: uri(root), name: 'sample' }] },
      });
      await cleared;
      await until(() => held(client).size === 0, 10_000, 'every diagnostic to be cleared');
      expect(await client.stop()).toBe(0);
    } finally {
      client.kill();
    }
  });
});
