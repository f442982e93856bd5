import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated } from './support/extension';
import { waitFor } from './support/wait';

// AWS's validator builds its WASM engine on first use (seconds), so CloudFormation findings may lag.
const DIAGNOSTICS_TIMEOUT_MS = 25000;

interface Case {
  title: string;
  file: string;
  source: 'Moodle HA' | 'CloudFormation';
  /** The template key whose line the finding must point at. */
  key: string;
  code: RegExp;
}

const cases: Case[] = [
  { title: 'a property typo gives a CloudFormation diagnostic on that property', file: 'property-typo.template.yaml', source: 'CloudFormation', key: 'BucketNmae', code: /^[A-Z]\d{4}$/ },
  { title: 'an RDS instance with MultiAZ false gives a Moodle HA diagnostic', file: 'single-az-db.template.yaml', source: 'Moodle HA', key: 'MultiAZ', code: /^MHA\d{4}$/ },
];

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function describeAll(diagnostics: vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none at all';
  return diagnostics.map((d) => `[${d.source ?? 'no source'} ${codeOf(d)} line ${d.range.start.line + 1}] ${d.message}`).join('; ');
}

describe('lint diagnostics for an opened template (extension host)', () => {
  before(async () => {
    await activated();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const c of cases) {
    it(c.title, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test workspace is not open');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, c.file));
      await vscode.window.showTextDocument(document);
      const line = document.getText().split('\n').findIndex((l) => new RegExp(`^\\s*${c.key}:`).test(l));
      assert.ok(line >= 0, `fixture ${c.file} lost its key ${c.key}`);

      const found = await waitFor(() => {
        const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === c.source);
        return ours.find((d) => d.range.start.line <= line && line <= d.range.end.line) ?? undefined;
      }, {
        timeoutMs: DIAGNOSTICS_TIMEOUT_MS,
        explain: () => `no "${c.source}" diagnostic on line ${line + 1} (${c.key}) of ${c.file}; diagnostics seen: `
          + `${describeAll(vscode.languages.getDiagnostics(document.uri))}. Is the lint feature registered in src/vscode/features.ts?`,
      });
      assert.match(codeOf(found), c.code, `rule id of: ${found.message}`);
    });
  }
});
