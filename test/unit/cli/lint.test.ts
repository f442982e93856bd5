import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { fixturePath } from '../../support/fixtures';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: fixturePath(), env: {}, signal: new AbortController().signal });
  return { code, out, err };
}

describe('cli: moodle-ha lint', function () {
  this.timeout(60000);

  it('exits 1 with errors, 0 when clean, 2 on usage errors', async () => {
    assert.equal((await cli('lint', 'cfn/bad-ref.yaml')).code, 1);
    assert.equal((await cli('lint', 'cfn/clean.yaml', 'cfn/clean.json')).code, 0);
    assert.equal((await cli('lint')).code, 2);
    assert.equal((await cli('lint', '--format', 'xml', 'cfn/clean.yaml')).code, 2);
    const missing = await cli('lint', 'cfn/does-not-exist.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
  });

  it('prints JSON records with 1-based positions', async () => {
    const { out } = await cli('lint', '--format', 'json', '--severity', 'error', 'cfn/bad-ref.yaml');
    const records = JSON.parse(out);
    assert.equal(records.length, 1);
    assert.deepEqual(Object.keys(records[0]).slice(0, 9), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'source', 'message']);
    assert.equal(records[0].line, 7);
    // Our E1020 points at the name that does not exist (cfn-lint points at the property, column 7).
    assert.equal(records[0].column, 25);
    assert.equal(records[0].severity, 'error');
    assert.equal(records[0].file, path.join('cfn', 'bad-ref.yaml'));
  });

  it('prints SARIF 2.1.0', async () => {
    const { out } = await cli('lint', '--format', 'sarif', 'cfn/bad-property.yaml');
    const sarif = JSON.parse(out);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((r: { level: string }) => r.level === 'error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 7);
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === result.ruleId));
  });

  it('lints folders and globs, skipping files that are not templates', async () => {
    const { out, code } = await cli('lint', '--format', 'json', '--severity', 'error', 'cfn/*.json');
    assert.equal(code, 1);
    const files = new Set(JSON.parse(out).map((r: { file: string }) => r.file));
    assert.deepEqual([...files].sort(), [path.join('cfn', 'bad-json.json')]);
  });

  it('says what is wrong with a binary or oversized file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-lint-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), Buffer.from([0x41, 0x00, 0x01, 0x02]));
    const { out, code } = await cli('lint', path.join(dir, 'a.yaml'));
    assert.equal(code, 1);
    assert.match(out, /binary file/);
    fs.rmSync(dir, { recursive: true });
  });
});
