import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../src/engine/sim/plan/topology-source';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { Journal } from '../../../src/engine/migrate/journal';
import { takeOverSsh } from '../../../src/engine/migrate/take/take-ssh';
import { takeFromFiles } from '../../../src/engine/migrate/take/take-files';
import { STEP, type MigrateContext } from '../../../src/engine/migrate/take/take-context';
import { checkSite } from '../../../src/engine/migrate/check/check-site';
import { targetFacts } from '../../../src/engine/migrate/check/target-facts';
import { rehearse } from '../../../src/engine/migrate/rehearse/rehearse';
import { rehearsalPassed, formatRehearsal } from '../../../src/engine/migrate/report';
import { readVersion } from '../../../src/engine/migrate/take/read-code';
import { silentLogger } from '../../../src/engine/common/logger';
import { asMhaError } from '../../../src/engine/common/errors';
import { isCancellation } from '../../../src/engine/common/cancellation';
import { changeHostKey, makeKey, removeLegacy, startLegacyServer, type LegacyServer } from '../../support/legacy-server';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-migrate`;
// Its own label: bringing the replica up sweeps everything labelled with the replica's project.
const LEGACY = `${PROJECT}-legacy`;

describe('migrate: a legacy single server over SSH into the replica (needs Docker Engine)', function () {
  this.timeout(900_000);
  const docker = createDockerClient();
  const simDir = locateSimAssets(__dirname);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-migrate-it-'));
  const probe = path.join(simDir, 'probe');
  let key: string;
  let clean: LegacyServer;
  const ctxFor = (work: string, progress: string[] = []): MigrateContext => ({ journal: Journal.open(path.join(dir, work)), logger: silentLogger, progress: (p) => progress.push(p.message) });
  const source = (s: LegacyServer, accept = s.fingerprint) => ({ host: '127.0.0.1', port: s.port, username: 'moodleadmin', privateKeyFile: key, codeDir: '/var/www/moodle', acceptHostKey: accept });

  before(async () => {
    await checkDocker(docker);
    await removeLegacy(docker, LEGACY);
    await sweepProject(docker, PROJECT);
    key = makeKey(dir);
    clean = await startLegacyServer(docker, simDir, LEGACY, 'legacy', key);
  });
  after(async () => {
    await removeLegacy(docker, LEGACY);
    await sweepProject(docker, PROJECT);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a first connection until the host key is confirmed, and copies nothing', async () => {
    const ctx = ctxFor('unconfirmed');
    const error = await takeOverSsh(ctx, source(clean, '')).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.hostKey');
    assert.match(error.message, new RegExp(clean.fingerprint.replace(/[+/]/g, '\\$&')));
    assert.deepEqual(ctx.journal.steps(), []);
    assert.ok(!fs.existsSync(ctx.journal.file('database.sql')));
  });

  it('takes, checks and rehearses the site: every table and pool file verified, users log in, secrets never written', async () => {
    const progress: string[] = [];
    const ctx = ctxFor('clean', progress);
    const inv = await takeOverSsh(ctx, source(clean));
    assert.equal(inv.database.tables.mdl_user.rows, 50);
    assert.equal(inv.moodledata.poolHashes.length, 2000);
    assert.ok(progress.some((m) => /rows/.test(m)) && progress.some((m) => /files/.test(m)), 'progress in rows and files');
    const password = /dbpass\s*=\s*'([0-9a-f]{24})'/.exec((await (await import('../../../src/engine/sim/docker/containers')).execIn(clean.container, ['cat', '/var/www/moodle/config.php'])).output)![1];
    for (const f of fs.readdirSync(ctx.journal.dir)) {
      const full = path.join(ctx.journal.dir, f);
      if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full).includes(password), `${f} holds the database password`);
    }
    const facts = await targetFacts({ codeDir: probe, workDir: ctx.journal.dir, workBytesNeeded: 0 });
    const findings = checkSite(inv, facts);
    assert.deepEqual(findings.filter((f) => f.level === 'refuse'), []);

    await upReplica({ docker, simDir }, planReplica(emptyTopology(), { project: PROJECT, lbPort: 18600 + Math.floor(Math.random() * 300) }));
    const result = await rehearse(ctx, inv, { docker, project: PROJECT, targetVersion: readVersion(probe).version, logins: [{ username: 'user1', password: 'Probe-Pass-1' }, { username: 'user2', password: 'wrong' }] });
    assert.ok(result.verify.tables.every((t) => t.ok), formatRehearsal(inv, result));
    assert.equal(result.verify.pool.present, 2000);
    assert.deepEqual(result.logins.map((l) => l.ok), [true, false]);
    assert.equal(rehearsalPassed({ ...result, logins: result.logins.slice(0, 1) }), true);

    // A second run finds every step done and moves nothing again.
    const again = await takeOverSsh(ctx, source(clean));
    assert.equal(again.database.rows, inv.database.rows);
  });

  it('finds a pool file damaged in the replica after the restore (the verification can fail)', async () => {
    const ctx = ctxFor('clean');
    const inv = ctx.journal.result<import('../../../src/engine/migrate/inventory').SourceInventory>(STEP.inventory)!;
    const victim = inv.moodledata.poolHashes[7];
    const web = docker.getContainer(`${PROJECT}-web-1`);
    const { execIn } = await import('../../../src/engine/sim/docker/containers');
    await execIn(web, ['sh', '-c', `echo x >> /mnt/moodledata/filedir/${victim.slice(0, 2)}/${victim.slice(2, 4)}/${victim}`]);
    for (const s of ctx.journal.steps().filter((n) => n.startsWith('rehearse.verify'))) ctx.journal.forget(s);
    const result = await rehearse(ctx, inv, { docker, project: PROJECT, targetVersion: readVersion(probe).version, logins: [] });
    assert.deepEqual(result.verify.pool.damaged, [victim]);
    assert.equal(rehearsalPassed(result), false);
  });

  it('cancel mid-copy: a normal ending, the step not journalled, only a .part left for the next run', async () => {
    const ctx = ctxFor('cancel');
    const controller = new AbortController();
    ctx.signal = controller.signal;
    ctx.progress = (p) => { if (/Copying moodledata: [0-9.]+ (KB|MB)/.test(p.message)) controller.abort(); };
    const error = await takeOverSsh(ctx, source(clean)).catch((e) => e);
    assert.equal(isCancellation(error), true, String(error));
    assert.ok(ctx.journal.done(STEP.database) && !ctx.journal.done(STEP.moodledata));
    assert.ok(!fs.existsSync(ctx.journal.file('moodledata.tar')));
  });

  it('refuses a changed host key, with the next step, before copying anything', async () => {
    const ctx = ctxFor('hostkey');
    await takeOverSsh(ctx, source(clean)).catch(() => undefined);
    ctx.journal.forget(STEP.inspect);
    await changeHostKey(clean);
    const error = await takeOverSsh(ctx, source(clean)).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.hostKey');
    assert.match(error.message, /CHANGED/);
    assert.match(asMhaError(error)!.nextStep!, /forget-host/);
    assert.deepEqual(ctx.journal.steps(), []);
  });

  it('a network cut mid-copy leaves only a .part file; the next run copies it again whole', async () => {
    const big = await startLegacyServer(docker, simDir, LEGACY, 'legacy-big', key, { files: 3000, fileBytes: 32768, logRows: 1000 });
    const ctx = ctxFor('cut');
    let cut = false;
    ctx.progress = (p) => { if (!cut && /Copying moodledata: [0-9.]+ MB/.test(p.message) && Number(/: ([0-9.]+) MB/.exec(p.message)![1]) > 5) { cut = true; void big.container.restart({ t: 0 }); } };
    const error = await takeOverSsh(ctx, source(big)).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.connection', String(error));
    assert.ok(ctx.journal.done(STEP.database) && !ctx.journal.done(STEP.moodledata));
    assert.ok(!fs.existsSync(ctx.journal.file('moodledata.tar')) && fs.existsSync(ctx.journal.file('moodledata.tar.part')));
    for (let i = 0; i < 120 && (await big.container.inspect()).State.Running === false; i++) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 3000)); // sshd restarting inside the container: the server's own boot time
    ctx.progress = () => undefined;
    const inv = await takeOverSsh(ctx, source(big));
    assert.equal(inv.moodledata.poolHashes.length, 3000);
    assert.deepEqual(inv.moodledata.poolMismatches, []);
  });

  it('a full disk mid-copy: a clear error naming the work folder, no partial file left, nothing journalled for it; with room again the same command finishes (needs root: a small tmpfs)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // a disk that really fills needs a mount of its own
    const work = path.join(dir, 'full');
    fs.mkdirSync(work);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=192k', 'tmpfs', work]);
    if (mounted.status !== 0) this.skip(); // no mount in this container: the case cannot be made here
    try {
      // A server of its own: an earlier test changes the shared one's host key.
      const small = await startLegacyServer(docker, simDir, LEGACY, 'legacy-full', key, { files: 200, logRows: 500 });
      const ctx = ctxFor('full');
      const error = await takeOverSsh(ctx, source(small)).catch((e) => e);
      assert.equal(asMhaError(error)?.code, 'migrate.space', String(error));
      assert.match(error.message, new RegExp(`The work folder ${work}.* ran out of space while writing`));
      assert.match(asMhaError(error)!.nextStep!, /steps already done are kept/);
      assert.deepEqual(fs.readdirSync(work).filter((f) => f.endsWith('.part')), [], 'the partial file that filled the disk is removed');
      const done = ctx.journal.steps();
      spawnSync('mount', ['-o', 'remount,size=512m', work]);
      const inv = await takeOverSsh(ctxFor('full'), source(small));
      assert.equal(inv.moodledata.poolHashes.length, 200);
      assert.deepEqual(inv.moodledata.poolMismatches, []);
      assert.ok(done.length < ctxFor('full').journal.steps().length, `more steps done after the retry (${done.join(', ')})`);
    } finally {
      spawnSync('umount', ['-l', work]);
    }
  });

  it('refuses a newer Moodle, MyISAM, latin1, a missing plugin and missing pool files, each with a next step', async () => {
    const bad = await startLegacyServer(docker, simDir, LEGACY, 'legacy-bad', key, { version: 2099010100, flaws: ['myisam', 'latin1', 'plugin', 'localcache'], missingFiles: 5, files: 200, logRows: 100 });
    const ctx = ctxFor('bad');
    const inv = await takeOverSsh(ctx, source(bad));
    const findings = checkSite(inv, await targetFacts({ codeDir: probe, workDir: ctx.journal.dir, workBytesNeeded: 0 }));
    const refused = findings.filter((f) => f.level === 'refuse');
    for (const code of ['version.newer', 'db.engine', 'db.collation', 'plugins.missing', 'files.missing']) {
      const f = refused.find((r) => r.code === code);
      assert.ok(f?.nextStep, `${code} refused with a next step: ${JSON.stringify(findings)}`);
    }
    assert.ok(findings.some((f) => f.code === 'settings.localcachedir'));
  });

  it('refuses a truncated dump given as a file', async () => {
    const taken = ctxFor('clean').journal;
    const cutDump = path.join(dir, 'cut.sql');
    const full = fs.readFileSync(taken.file('database.sql'));
    fs.writeFileSync(cutDump, full.subarray(0, Math.floor(full.length * 0.6)));
    const codeDir = taken.file('code');
    fs.writeFileSync(path.join(codeDir, 'config.php'), fs.readFileSync(taken.file('config.redacted.php')));
    const ctx = ctxFor('files');
    const inv = await takeFromFiles(ctx, { dump: cutDump, moodledata: taken.file('moodledata.tar'), code: codeDir });
    const findings = checkSite(inv, await targetFacts({ codeDir: probe, workDir: ctx.journal.dir, workBytesNeeded: 0 }));
    assert.ok(findings.some((f) => f.level === 'refuse' && f.code === 'dump.truncated'), JSON.stringify(findings));
  });
});
