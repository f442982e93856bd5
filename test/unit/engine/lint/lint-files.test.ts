import * as assert from 'node:assert/strict';
import { lintFiles } from '../../../../src/engine/lint/lint-files';
import type { TemplateValidator } from '../../../../src/engine/lint/validator/validator-pool';
import { fixturePath } from '../../../support/fixtures';

describe('lintFiles: the one multi-file lint (CLI and the VS Code workspace command)', () => {
  it("lints an editor's unsaved text instead of the disk, and reports each file as it finishes", async () => {
    const clean = fixturePath('cfn', 'clean.yaml');
    const bad = fixturePath('cfn', 'bad-ref.yaml');
    const seen: string[] = [];
    const results = await lintFiles([clean, bad], {
      useValidator: false,
      textOf: (file) => (file === clean ? 'not: [a template' : undefined),
      onFile: (r) => seen.push(r.file),
    });
    assert.deepEqual(seen.sort(), [bad, clean].sort());
    assert.equal(results[0].file, clean);
    // The unsaved text is what was linted: a YAML syntax error, which the file on disk does not have.
    assert.ok(results[0].findings.length > 0 || results[0].skipped, JSON.stringify(results[0]));
  });

  it('uses a validator it is given and leaves it running', async () => {
    let disposed = false;
    let calls = 0;
    // A stand-in for the editor's warm validator: this test is about ownership, not validation.
    const validator: TemplateValidator = {
      validate: async () => { calls++; return []; },
      dispose: async () => { disposed = true; },
    };
    await lintFiles([fixturePath('cfn', 'clean.yaml')], { validator });
    assert.equal(calls, 1);
    assert.equal(disposed, false);
  });
});
