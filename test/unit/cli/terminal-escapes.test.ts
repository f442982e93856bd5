import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeControl } from '../../../src/engine/common/terminal-text';
import { cli } from './cli-support';

const security = path.join(__dirname, '../../../../test/fixtures/security');

describe('cli: template text cannot drive the terminal (security review LOW-4)', function () {
  this.timeout(60_000);
  // The review's file, said to be a Moodle stack, so the Moodle-HA rules run and name its
  // hostile logical id in their messages (without Moodle evidence they stay silent).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-ansi-'));
  fs.writeFileSync(path.join(dir, 'ansi2.yaml'), fs.readFileSync(path.join(security, 'ansi2.yaml'), 'utf8').replace(/^(AWSTemplateFormatVersion.*)$/m, '$1\nDescription: Moodle web servers'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the review's ansi2.yaml: its escape sequences are printed as \\u001b, not sent raw", async () => {
    const { out } = await cli(['lint', 'ansi2.yaml', '--no-validator'], { cwd: dir });
    // eslint-disable-next-line no-control-regex -- looking for raw control characters
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(out, /Web\\u001b\[1A\\u001b\[2K/);
  });

  it('JSON output stays valid JSON with the escapes, C1 controls included', async () => {
    const { out } = await cli(['lint', 'ansi2.yaml', '--no-validator', '--format', 'json'], { cwd: dir });
    const records = JSON.parse(out) as Array<{ message: string }>;
    assert.ok(records.length > 0);
    assert.equal(JSON.parse(escapeControl(JSON.stringify({ s: 'a\u009bb\u001bc' }))).s, 'a\u009bb\u001bc');
  });

  it('keeps newlines and tabs', () => {
    assert.equal(escapeControl('a\tb\nc\r\u0007'), 'a\tb\nc\\u000d\\u0007');
  });
});
