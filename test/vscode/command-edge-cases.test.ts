// Issue 6, "Bad input": a command run with no file or folder, on the wrong kind of file, or twice at
// once ends with one clear message and a consistent state, and nothing escapes as an exception.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated } from './support/extension';
import { captureMessages } from './support/messages';
import { waitFor } from './support/wait';

// AWS's validator builds its WASM engine on first use (seconds), so CloudFormation findings may lag.
const DIAGNOSTICS_TIMEOUT_MS = 25000;

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test workspace is not open');
  return f;
}

async function open(file: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder().uri, file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Diagnostics of a file as comparable strings, in a stable order. */
function diagnosticsOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri)
    .map((d) => `${d.source} ${typeof d.code === 'object' ? d.code.value : d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`)
    .sort();
}

describe('commands with bad input (extension host)', () => {
  let messages: ReturnType<typeof captureMessages>;
  before(async () => {
    await activated();
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    messages = captureMessages();
  });
  afterEach(async () => {
    messages.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Lint This Template with no open editor says "No file is open" once, and the command settles', async () => {
    assert.strictEqual(vscode.window.activeTextEditor, undefined, 'an editor is still open');
    await vscode.commands.executeCommand('moodleHa.lint.file');
    const errors = messages.texts('error');
    assert.strictEqual(errors.length, 1, `expected one error message, got: ${JSON.stringify(messages.shown)}`);
    assert.match(errors[0], /No file is open\. Open a CloudFormation template/);
  });

  it('a failed command settles while its error message is still on screen (nobody has to dismiss it)', async () => {
    messages.restore(); // the real message this time: it stays open in the notification center
    try {
      const settled = await Promise.race([
        vscode.commands.executeCommand('moodleHa.lint.file').then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000)),
      ]);
      assert.ok(settled, 'executeCommand did not settle in 3 s: the command boundary waits for the user to answer the error message');
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      messages = captureMessages();
    }
  });

  it('Lint All Templates with no folder open says "No folder is open" once, and the command settles', async function () {
    // The suite's window has a folder, and removing the only folder reloads the extension host: so
    // the folder list the extension reads is made empty for this test, then put back.
    const workspace = vscode.workspace as unknown as Record<string, unknown>;
    const original = Object.getOwnPropertyDescriptor(workspace, 'workspaceFolders');
    if (!original?.configurable) this.skip();
    Object.defineProperty(workspace, 'workspaceFolders', { configurable: true, get: () => undefined });
    try {
      await vscode.commands.executeCommand('moodleHa.lint.workspace');
    } finally {
      Object.defineProperty(workspace, 'workspaceFolders', original!);
    }
    const errors = messages.texts('error');
    assert.strictEqual(errors.length, 1, `expected one error message, got: ${JSON.stringify(messages.shown)}`);
    assert.match(errors[0], /No folder is open\. Open the folder with your templates/);
  });

  for (const file of ['README.md', 'not-a-template.yaml']) {
    it(`Lint This Template on ${file} (not CloudFormation) says it is not linted and shows no diagnostics`, async () => {
      const document = await open(file);
      await vscode.commands.executeCommand('moodleHa.lint.file');
      assert.deepStrictEqual(messages.texts('error'), [], 'no error is expected');
      const infos = messages.texts('info');
      assert.strictEqual(infos.length, 1, `expected one "not linted" message, got: ${JSON.stringify(messages.shown)}`);
      assert.match(infos[0], new RegExp(`${file.replace('.', '\\.')} is not linted: it is not a CloudFormation template`));
      assert.deepStrictEqual(diagnosticsOf(document.uri).filter((d) => /^(Moodle HA|CloudFormation) /.test(d)), []);
    });
  }

  it('Lint This Template run twice at once: both settle, one set of diagnostics, no "not linted" message', async () => {
    const document = await open('single-az-db.template.yaml');
    const started = Date.now();
    await Promise.all([vscode.commands.executeCommand('moodleHa.lint.file'), vscode.commands.executeCommand('moodleHa.lint.file')]);
    const settledMs = Date.now() - started;
    assert.deepStrictEqual(messages.texts('error'), [], 'no error is expected');
    assert.deepStrictEqual(messages.texts('info'), [], 'a run superseded by the other one must not say the template "is not linted"');
    assert.ok(messages.texts('status').some((t) => /Moodle HA: \d+ findings/.test(t)), `no findings count in the status bar: ${JSON.stringify(messages.shown)} (settled in ${settledMs} ms)`);
    const multiAz = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Moodle HA' && /MultiAZ/i.test(d.message));
      return found.length ? found : undefined;
    }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, explain: () => `no Moodle HA MultiAZ diagnostic; seen: ${diagnosticsOf(document.uri).join('; ') || 'none'}` });
    assert.strictEqual(multiAz.length, 1, `the MultiAZ finding is listed ${multiAz.length} times: ${diagnosticsOf(document.uri).join('; ')}`);
    const all = diagnosticsOf(document.uri);
    assert.strictEqual(new Set(all).size, all.length, `duplicate diagnostics: ${all.join('; ')}`);
  });

  it('Lint All Templates run twice at once: both settle with a summary, and the diagnostics equal those of one run', async () => {
    const templates = ['single-az-db.template.yaml', 'property-typo.template.yaml'].map((f) => vscode.Uri.joinPath(folder().uri, f));
    await vscode.commands.executeCommand('moodleHa.lint.workspace');
    const once = templates.map(diagnosticsOf);
    assert.ok(once.every((d) => d.length > 0), `one run left a template without diagnostics: ${JSON.stringify(once)}`);
    messages.shown.length = 0;
    await Promise.all([vscode.commands.executeCommand('moodleHa.lint.workspace'), vscode.commands.executeCommand('moodleHa.lint.workspace')]);
    assert.deepStrictEqual(messages.texts('error'), [], 'no error is expected');
    const summaries = messages.texts('info').filter((t) => /^Moodle HA: linted \d+ templates?/.test(t));
    assert.strictEqual(summaries.length, 2, `each run ends with its summary: ${JSON.stringify(messages.shown)}`);
    assert.deepStrictEqual(templates.map(diagnosticsOf), once);
  });
});
