import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { execIn } from '../../../src/engine/sim/docker/containers';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { Journal } from '../../../src/engine/migrate/journal';
import { takeOverSsh } from '../../../src/engine/migrate/take/take-ssh';
import type { MigrateContext } from '../../../src/engine/migrate/take/take-context';
import { finishCutover, freezeSource, rollbackToSource, SOURCE_STEP, type CutoverSource } from '../../../src/engine/migrate/cutover/freeze-source';
import { CUTOVER_STEP } from '../../../src/engine/migrate/cutover/restore-on-stack';
import { DNS_STEP } from '../../../src/engine/migrate/cutover/dns-switch';
import { silentLogger } from '../../../src/engine/common/logger';
import { asMhaError } from '../../../src/engine/common/errors';
import { makeKey, removeLegacy, startLegacyServer, type LegacyServer } from '../../support/legacy-server';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-cutover-source`;

describe('migrate cutover on the source: maintenance, the final take, rollback and finish (legacy server over SSH; needs Docker Engine)', function () {
  this.timeout(600_000);
  const docker = createDockerClient();
  const simDir = locateSimAssets(__dirname);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cutover-source-'));
  let key: string;
  let legacy: LegacyServer;
  const ctxFor = (work: string): MigrateContext => ({ journal: Journal.open(path.join(dir, work)), logger: silentLogger, progress: () => undefined });
  const source = (webUser = 'www-data'): CutoverSource => ({ host: '127.0.0.1', port: legacy.port, username: 'moodleadmin', privateKeyFile: key, codeDir: '/var/www/moodle', acceptHostKey: legacy.fingerprint, webUser });
  /** What the source's users get: the status line of its front page, asked inside the server. */
  const frontPage = async () => (await execIn(legacy.container, ['php', '-r', '@file_get_contents("http://127.0.0.1/"); echo $http_response_header[0] ?? "no answer";'])).output.trim();
  const onSource = async (command: string) => {
    const r = await execIn(legacy.container, ['sh', '-c', command]);
    assert.equal(r.exitCode, 0, r.output);
  };

  before(async () => {
    await checkDocker(docker);
    await removeLegacy(docker, PROJECT);
    key = makeKey(dir);
    legacy = await startLegacyServer(docker, simDir, PROJECT, 'legacy', key, { users: 20, files: 200, logRows: 500 });
  });
  after(async () => {
    await removeLegacy(docker, PROJECT);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('run as a user who cannot write the dataroot, Moodle refuses (exit 1): the cutover says which user to use, the site stays open, nothing is recorded', async () => {
    const ctx = ctxFor('wrong-user');
    const inventory = await takeOverSsh(ctx, source());
    const error = await freezeSource(ctx, inventory, source('moodleadmin')).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.maintenance', String(error));
    assert.match(error.message, /cannot write \/var\/moodledata .*still open/);
    assert.match(asMhaError(error)!.nextStep!, /--web-user/);
    assert.match(await frontPage(), / 200 /);
    assert.equal(ctx.journal.done(SOURCE_STEP.maintenance), false);
  });

  it("does not take maintenance.php's exit 0 for maintenance: a dataroot that refuses the file (as an NFS share squashing the user does) leaves the site open, and the cutover says so", async () => {
    const ctx = ctxFor('no-file');
    const inventory = await takeOverSsh(ctx, source());
    // The file cannot be made: its name is a link to nowhere (file_put_contents fails with a warning, the script still exits 0).
    await onSource('ln -s /nonexistent/dir/x /var/moodledata/climaintenance.html');
    try {
      const error = await freezeSource(ctx, inventory, source()).catch((e) => e);
      assert.equal(asMhaError(error)?.code, 'migrate.maintenance', String(error));
      assert.match(error.message, /climaintenance\.html is not there: the site is still open/);
      assert.match(await frontPage(), / 200 /);
      assert.equal(ctx.journal.done(SOURCE_STEP.maintenance), false);
    } finally {
      await onSource('rm -f /var/moodledata/climaintenance.html');
    }
  });

  it('says which sudoers line is missing when the SSH user may not run PHP as the web user', async () => {
    const ctx = ctxFor('no-sudo');
    const inventory = await takeOverSsh(ctx, source());
    const error = await freezeSource(ctx, inventory, source('mysql')).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.ssh', String(error));
    assert.match(asMhaError(error)!.nextStep!, /moodleadmin ALL=\(mysql\) NOPASSWD: \/usr\/bin\/php/);
    assert.equal(ctx.journal.done(SOURCE_STEP.maintenance), false);
  });

  it('freezes the source (its users get the 503 maintenance page) and takes again what the last user left; a second run repeats nothing', async () => {
    const ctx = ctxFor('cutover');
    const first = await takeOverSsh(ctx, source());
    // A user works on after the first take: a new account and a new file in the pool.
    await onSource("mariadb moodle -e \"INSERT INTO mdl_user (username, password, firstname, lastname, email, timecreated) VALUES ('late', 'x', 'Late', 'User', 'late@example.edu', 1)\"");
    await onSource('mkdir -p /var/moodledata/filedir/ff/ee && echo late > /var/moodledata/filedir/ff/ee/ffee000000000000000000000000000000000000 && chown -R www-data:www-data /var/moodledata/filedir/ff');
    const final = await freezeSource(ctx, first, source());
    assert.match(await frontPage(), / 503 /);
    assert.equal(final.database.tables.mdl_user.rows, first.database.tables.mdl_user.rows + 1);
    assert.equal(final.moodledata.files, first.moodledata.files + 1);
    assert.ok(final.files.dump.startsWith(ctx.journal.file('final')), `the final dump is apart from the first take: ${final.files.dump}`);
    const steps = ctx.journal.steps();
    assert.deepEqual(steps.slice(-2), [SOURCE_STEP.maintenance, SOURCE_STEP.finalTake]);

    // Rerun with a key that no longer logs in: anything that reached the source would fail.
    const again = await freezeSource(ctx, first, { ...source(), privateKeyFile: path.join(dir, 'missing-key') });
    assert.deepEqual(again, final);
  });

  it('rolls back: maintenance off on the source, the cutover forgotten with its final take; finish needs a restore and then forbids rollback', async () => {
    const ctx = ctxFor('cutover');
    const inventory = ctx.journal.result<Awaited<ReturnType<typeof takeOverSsh>>>('take.inventory')!;
    // After a DNS switch the rollback must put the record back first: without AWS access it is refused and the source stays frozen.
    // (Route 53 itself is in migrate-dns-switch.test.ts; here its journal record stands in for a switch.)
    await ctx.journal.step(DNS_STEP, async () => ({ changeId: 'test', plan: { zoneId: 'Z', name: 'moodle.example.edu.', before: [], after: {}, staleSeconds: 60 } }));
    const refusedDns = await rollbackToSource(ctx, inventory, source()).catch((e) => e);
    assert.equal(asMhaError(refusedDns)?.code, 'usage', String(refusedDns));
    assert.match(await frontPage(), / 503 /);
    ctx.journal.forget(DNS_STEP);
    const { wasInMaintenance } = await rollbackToSource(ctx, inventory, source());
    assert.equal(wasInMaintenance, true);
    assert.match(await frontPage(), / 200 /);
    assert.equal(ctx.journal.done(SOURCE_STEP.maintenance), false);
    assert.equal(ctx.journal.done(SOURCE_STEP.finalTake), false);
    assert.ok(ctx.journal.done('take.inventory'), 'the first take is kept');
    assert.ok(!fs.existsSync(ctx.journal.file('final')));

    assert.equal(asMhaError(await finishCutover(ctx.journal).catch((e) => e))?.code, 'usage');
    // The restore runs on an EC2 instance through SSM, which no local part can do: its journal record stands in for it.
    await ctx.journal.step(CUTOVER_STEP.restore, async () => ({ commandId: 'test', instanceId: 'i-test', summary: 'verified' }));
    await finishCutover(ctx.journal);
    const refused = await rollbackToSource(ctx, inventory, source()).catch((e) => e);
    assert.equal(asMhaError(refused)?.code, 'usage');
    assert.match(refused.message, /finished/);
  });
});
