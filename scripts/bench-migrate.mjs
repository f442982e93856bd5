// npm run bench:migrate [-- --scale ci|small|full] — the migration's take, restore and verify against
// a plain `ssh mysqldump | mysql` and `ssh tar | tar` done in the same run, on the same legacy server
// container and replica. Prints rates and ratios; asserts nothing (performance is never a timed test).
//   ci:    ~25 MB database, ~64 MB moodledata (default; what CI runs)
//   small: ~120 MB database, ~500 MB moodledata
//   full:  ~1 GB database, ~5 GB moodledata (the size; needs ~20 GB free and a long while)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg > 0 ? process.argv[scaleArg + 1] : (process.env.BENCH_SCALE ?? 'ci');
const sizes = {
  ci: { users: 2000, logRows: 150_000, files: 1000, fileBytes: 65_536 },
  small: { users: 10_000, logRows: 800_000, files: 4000, fileBytes: 131_072 },
  full: { users: 50_000, logRows: 7_000_000, files: 20_000, fileBytes: 262_144 },
}[scale];
if (!sizes) throw new Error(`unknown --scale ${scale} (ci, small, full)`);
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });

const out = (p) => require(path.join(root, 'out', p));
const { createDockerClient } = out('src/engine/sim/docker/docker-client.js');
const { locateSimAssets } = out('src/engine/sim/sim-assets.js');
const { planReplica } = out('src/engine/sim/plan/plan-replica.js');
const { emptyTopology } = out('src/engine/sim/plan/topology-source.js');
const { upReplica } = out('src/engine/sim/replica/up.js');
const { sweepProject } = out('src/engine/sim/replica/down.js');
const { execIn } = out('src/engine/sim/docker/containers.js');
const { Journal } = out('src/engine/migrate/journal.js');
const { takeOverSsh } = out('src/engine/migrate/take/take-ssh.js');
const { rehearse } = out('src/engine/migrate/rehearse/rehearse.js');
const { formatRehearsal } = out('src/engine/migrate/report.js');
const { readVersion } = out('src/engine/migrate/take/read-code.js');
const { makeKey, startLegacyServer, removeLegacy } = out('test/support/legacy-server.js');

const project = process.env.MHA_BENCH_PROJECT ?? 'mha-bench-migrate';
const legacyProject = `${project}-legacy`;
const docker = createDockerClient();
const simDir = locateSimAssets(path.join(root, 'out', 'src'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bench-migrate-'));
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function pipeTimed(producer, consumer, stdinText) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const a = spawn(producer[0], producer.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    const b = spawn(consumer[0], consumer.slice(1), { stdio: ['pipe', 'ignore', 'inherit'] });
    let bytes = 0;
    a.stdout.on('data', (d) => { bytes += d.length; });
    a.stdout.pipe(b.stdin);
    a.stdin.end(stdinText ?? '');
    let codes = 0;
    const done = () => { if (++codes === 2) resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes }); };
    a.on('close', (c) => (c === 0 || c === 1 ? done() : reject(new Error(`${producer[0]} exit ${c}`))));
    b.on('close', (c) => (c === 0 ? done() : reject(new Error(`${consumer[0]} exit ${c}`))));
  });
}

try {
  await removeLegacy(docker, legacyProject);
  await sweepProject(docker, project);
  console.log(`Scale ${scale}: ${JSON.stringify(sizes)}; machine ${os.cpus().length} cores`);
  const key = makeKey(work);
  let t = Date.now();
  const legacy = await startLegacyServer(docker, simDir, legacyProject, 'legacy', key, sizes);
  console.log(`legacy server seeded in ${((Date.now() - t) / 1000).toFixed(0)} s on 127.0.0.1:${legacy.port}`);
  await upReplica({ docker, simDir }, planReplica(emptyTopology(), { project, lbPort: 18900 }));

  // Ours: take over SSH into the work folder, then rehearse (restore + verify) into the replica.
  const journal = Journal.open(path.join(work, 'ours'));
  const ctx = { journal, logger: silent, progress: () => undefined };
  const source = { host: '127.0.0.1', port: legacy.port, username: 'moodleadmin', privateKeyFile: key, codeDir: '/var/www/moodle', acceptHostKey: legacy.fingerprint };
  t = Date.now();
  const inv = await takeOverSsh(ctx, source);
  const takeSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  const probe = path.join(simDir, 'probe');
  const r = await rehearse(ctx, inv, { docker, project, targetVersion: readVersion(probe).version, logins: [{ username: 'user1', password: 'Probe-Pass-1' }] });
  const rehearseSeconds = (Date.now() - t) / 1000;
  console.log('\nOurs (take over SSH → work folder → replica, with complete verification):');
  process.stdout.write(formatRehearsal(inv, r));

  // The reference: what an admin types by hand, straight pipes, no copy kept and no verification.
  const password = /dbpass\s*=\s*'([^']+)'/.exec((await execIn(legacy.container, ['cat', '/var/www/moodle/config.php'])).output)[1];
  await execIn(docker.getContainer(`${project}-db`), ['mariadb', '-e', 'DROP DATABASE IF EXISTS moodle_ref; CREATE DATABASE moodle_ref CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci']);
  const ssh = ['ssh', '-i', key, '-p', String(legacy.port), '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${path.join(work, 'known_hosts')}`, '-o', 'BatchMode=yes', 'moodleadmin@127.0.0.1'];
  const dbRef = await pipeTimed([...ssh, 'IFS= read -r MYSQL_PWD; export MYSQL_PWD; exec mysqldump --single-transaction --routines --default-character-set=utf8mb4 -u moodle moodle'],
    ['docker', 'exec', '-i', `${project}-db`, 'mariadb', '--default-character-set=utf8mb4', 'moodle_ref'], `${password}\n`);
  await execIn(docker.getContainer(`${project}-web-1`), ['sh', '-c', 'rm -rf /tmp/ref && mkdir -p /tmp/ref']);
  const filesRef = await pipeTimed([...ssh, 'exec tar -C /var/moodledata --exclude=./cache --exclude=./temp --exclude=./localcache --exclude=./sessions --exclude=./trashdir -cf - .'],
    ['docker', 'exec', '-i', `${project}-web-1`, 'tar', '-C', '/tmp/ref', '-xf', '-']);
  const refSeconds = dbRef.seconds + filesRef.seconds;
  const mb = (b) => (b / 1024 ** 2).toFixed(1);
  console.log('\nReference (ssh mysqldump | mysql, ssh tar | tar; no copy kept, nothing verified):');
  console.log(`  database    ${mb(dbRef.bytes)} MB in ${dbRef.seconds.toFixed(1)} s  ${(dbRef.bytes / 1024 ** 2 / dbRef.seconds).toFixed(1)} MB/s  ${Math.round(inv.database.rows / dbRef.seconds).toLocaleString('en')} rows/s`);
  console.log(`  moodledata  ${mb(filesRef.bytes)} MB in ${filesRef.seconds.toFixed(1)} s  ${(filesRef.bytes / 1024 ** 2 / filesRef.seconds).toFixed(1)} MB/s`);
  const oursMove = takeSeconds + r.restoreDb.seconds + r.restoreFiles.seconds;
  console.log('\nRatios (ours / reference; lower is better, target ≤ 1.5×):');
  console.log(`  move only (take + restore)          ${(oursMove / refSeconds).toFixed(2)}×  (${oursMove.toFixed(1)} s vs ${refSeconds.toFixed(1)} s)`);
  console.log(`  database: dump + restore            ${((inv.timings.dumpSeconds + r.restoreDb.seconds) / dbRef.seconds).toFixed(2)}×`);
  console.log(`  moodledata: copy + restore          ${((inv.timings.moodledataSeconds + r.restoreFiles.seconds) / filesRef.seconds).toFixed(2)}×`);
  console.log(`  everything incl. verification       ${((takeSeconds + rehearseSeconds) / refSeconds).toFixed(2)}×  (verification: ${(r.verifyDb.seconds + r.verifyFiles.seconds).toFixed(1)} s, complete: every table, every pool file)`);
} finally {
  await removeLegacy(docker, legacyProject).catch(() => undefined);
  await sweepProject(docker, project).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}
