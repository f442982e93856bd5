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

describe('cli: moodle-ha cost and topology', function () {
  this.timeout(30000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-pictures-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cost prints the year, the busiest and quietest month, and writes the picture', async () => {
    const out = path.join(dir, 'cost.html');
    const result = await cli('cost', 'cost/small-school.yaml', '--year', '2027', '--out', out);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^eu-west-1, 2027: \$[\d,]+ for the year; \$[\d,]+ in \w{3} \(busiest\), \$[\d,]+ in \w{3} \(quietest\)\./);
    assert.match(fs.readFileSync(out, 'utf8'), /^<!doctype html>.*Content-Security-Policy.*<svg /s);
  });

  it('cost --json is the estimate, and parameters and assumptions change it', async () => {
    const base = JSON.parse((await cli('cost', 'cost/small-school.yaml', '--year', '2027', '--json')).out);
    const bigger = JSON.parse((await cli('cost', 'cost/small-school.yaml', '--year', '2027', '--json', '--param', 'WebType=t3.xlarge', '--assume', 'egressGb=1000')).out);
    assert.ok(bigger.yearTotal > base.yearTotal);
    assert.ok(bigger.assumptions.some((a: string) => /1000 GB a month/.test(a)));
  });

  it('cost refuses bad input with the next step', async () => {
    for (const [args, message] of [
      [['cost'], /Name one template/],
      [['cost', 'cost/small-school.yaml', '--region', 'mars-1'], /No prices for region 'mars-1'.*Use one of/s],
      [['cost', 'cost/small-school.yaml', '--year', 'soon'], /Bad --year/],
      [['cost', 'cost/small-school.yaml', '--assume', 'egressGb=-3'], /needs a number of 0 or more/],
      [['cost', 'cost/small-school.yaml', '--assume', 'toString=3'], /Unknown assumption 'toString'/],
      [['cost', 'cost/small-school.yaml', '--out', path.join(dir, 'x.png')], /Name a \.svg or \.html file/],
      [['cost', 'no-such.yaml'], /Cannot read '.*no-such.yaml'/],
    ] as [string[], RegExp][]) {
      const result = await cli(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`);
      assert.match(result.err, message);
    }
  });

  it('topology writes the picture and says which parts it found', async () => {
    const out = path.join(dir, 'topology.svg');
    const result = await cli('topology', 'ha/MHA2001-no-shared-storage.yaml', '--out', out);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /sharedStorage missing/);
    assert.match(fs.readFileSync(out, 'utf8'), /No shared storage \(MHA2001\)/);
    assert.equal((await cli('topology', 'ha/clean-ha.yaml')).code, 2, 'needs --out');
  });
});
