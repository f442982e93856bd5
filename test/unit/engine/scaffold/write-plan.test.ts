import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MhaError } from '../../../../src/engine/common/errors';
import type { ScaffoldPlan } from '../../../../src/engine/scaffold/plan';
import { findConflicts, writePlan } from '../../../../src/engine/scaffold/write-plan';

const plan: ScaffoldPlan = { files: [{ path: 'a.txt', content: 'A' }, { path: 'deep/b.sh', content: 'B', mode: 0o755 }, { path: 'c.txt', content: 'C' }] };

describe('scaffold/writePlan', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-write-')); });
  afterEach(() => { fs.chmodSync(dir, 0o755); fs.rmSync(dir, { recursive: true, force: true }); });

  it('writes every file with its mode and leaves no temporary folder', async () => {
    const result = await writePlan(plan, path.join(dir, 'out'));
    assert.deepEqual(result.written, ['a.txt', 'deep/b.sh', 'c.txt']);
    assert.equal(fs.readFileSync(path.join(dir, 'out/deep/b.sh'), 'utf8'), 'B');
    assert.equal(fs.statSync(path.join(dir, 'out/deep/b.sh')).mode & 0o777, 0o755);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['a.txt', 'c.txt', 'deep']);
  });

  it('never overwrites silently: without a decision, existing files that differ stop the write and are listed', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'mine');
    await assert.rejects(writePlan(plan, dir), (e: unknown) => e instanceof MhaError && e.code === 'scaffold.write' && /a\.txt/.test(e.message));
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'mine');
    assert.ok(!fs.existsSync(path.join(dir, 'c.txt')), 'nothing else was written');
  });

  it('asks once per differing file; identical files are left alone', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'mine');
    fs.writeFileSync(path.join(dir, 'c.txt'), 'C');
    const asked: string[] = [];
    const result = await writePlan(plan, dir, { onConflict: (c) => { asked.push(c.path); assert.equal(c.existing, 'mine'); return 'skip'; } });
    assert.deepEqual(asked, ['a.txt']);
    assert.deepEqual(result, { written: ['deep/b.sh'], skipped: ['a.txt'], unchanged: ['c.txt'], cancelled: false });
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'mine');
    assert.deepEqual((await findConflicts(plan, dir)).map((c) => c.path), ['a.txt']);
  });

  it('overwrites when told to, and a cancel writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'mine');
    const cancelled = await writePlan(plan, dir, { onConflict: () => 'cancel' });
    assert.equal(cancelled.cancelled, true);
    assert.ok(!fs.existsSync(path.join(dir, 'c.txt')));
    await writePlan(plan, dir, { onConflict: () => 'overwrite' });
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'A');
  });

  it('an unwritable folder is an MhaError with a next step, and nothing is half-written', async function () {
    if (process.getuid?.() === 0) {
      // root ignores permissions: use a path below a file instead.
      fs.writeFileSync(path.join(dir, 'file'), 'x');
      await assert.rejects(writePlan(plan, path.join(dir, 'file', 'sub')), (e: unknown) => e instanceof MhaError && e.code === 'scaffold.write' && !!e.nextStep);
      return;
    }
    fs.chmodSync(dir, 0o500);
    await assert.rejects(writePlan(plan, dir), (e: unknown) => e instanceof MhaError && /not writable/.test(e.message) && !!e.nextStep);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a failure while writing leaves the folder as it was', async () => {
    const bad: ScaffoldPlan = { files: [{ path: 'ok.txt', content: 'ok' }, { path: 'ok.txt/child', content: 'cannot: ok.txt is a file' }] };
    await assert.rejects(writePlan(bad, dir), MhaError);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
