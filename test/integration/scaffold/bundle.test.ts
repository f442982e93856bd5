import * as assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { planScaffold } from '../../../src/engine/scaffold/plan';
import { writePlan } from '../../../src/engine/scaffold/write-plan';
import { FAKE_AWS, writeStubMoodle } from './support/stub-moodle';

const HOOKS = ['application-stop.sh', 'before-install.sh', 'after-install.sh', 'application-start.sh', 'validate-service.sh'];
const OPS = ['site-lib.sh', 'deploy-gate.sh', 'install.sh', 'upgrade.sh', 'upgrade-steps.sh', 'migrate-restore.sh'];

/** lib/setup.php stand-in: prints what config.php set. */
const SETUP_DUMP = `<?php echo json_encode(get_object_vars($CFG) + ['env:PGSSLROOTCERT' => getenv('PGSSLROOTCERT')], JSON_UNESCAPED_SLASHES);`;

describe('scaffold: the Moodle bundle passes shellcheck + php -l and runs (integration: needs shellcheck and php-cli)', function () {
  this.timeout(120_000);
  let dir: string;
  let bundle: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bundle-'));
    await writePlan(planScaffold(resolveOptions({})), path.join(dir, 'project'));
    bundle = path.join(dir, 'project', 'moodle');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has the five hooks appspec.yml names, executable, bash with set -euo pipefail', () => {
    const appspec = fs.readFileSync(path.join(bundle, 'appspec.yml'), 'utf8');
    for (const hook of HOOKS) {
      const file = path.join(bundle, 'hooks', hook);
      assert.ok(appspec.includes(`location: hooks/${hook}`), hook);
      assert.ok((fs.statSync(file).mode & 0o111) !== 0, `${hook} executable`);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^#!\/usr\/bin\/env bash\n/);
      assert.match(text, /^set -euo pipefail$/m);
    }
  });

  it('hooks and operation scripts pass shellcheck', () => {
    const run = spawnSync('shellcheck', ['-x', '-f', 'gcc', ...HOOKS, 'common.sh'], { cwd: path.join(bundle, 'hooks'), encoding: 'utf8' });
    assert.equal(run.error, undefined, 'shellcheck is installed');
    assert.equal(run.stdout + run.stderr, '');
    assert.equal(run.status, 0);
    const ops = spawnSync('shellcheck', ['-x', '-f', 'gcc', ...OPS], { cwd: path.join(bundle, 'ops'), encoding: 'utf8' });
    assert.equal(ops.stdout + ops.stderr, '');
    assert.equal(ops.status, 0);
  });

  it('PHP files pass php -l', () => {
    for (const file of ['render-config.php', 'ops/site-state.php', 'ops/install-site.php', 'ops/configure-muc.php']) {
      const run = spawnSync('php', ['-l', path.join(bundle, file)], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
    }
  });

  const clusterEnv = {
    MOODLE_DB_TYPE: 'auroramysql', MOODLE_DB_HOST: 'db.cluster.example', MOODLE_DB_NAME: 'moodle', MOODLE_DB_USER: 'moodleadmin',
    MOODLE_DB_PASS: "it's \"secret\" $x {{MOODLE_DB_HOST}}", MOODLE_DB_PORT: '3306', MOODLE_WWWROOT: 'https://moodle.example.edu', MOODLE_SSLPROXY: '1',
    MOODLE_DATA_DIR: '/mnt/moodledata', MOODLE_LOCAL_CACHE_DIR: '/var/cache/moodle',
  };

  function renderAndLoad(env: Record<string, string>): Record<string, unknown> {
    const code = fs.mkdtempSync(path.join(dir, 'render-'));
    fs.mkdirSync(path.join(code, 'lib'));
    fs.writeFileSync(path.join(code, 'lib', 'setup.php'), SETUP_DUMP);
    const render = spawnSync('php', [path.join(bundle, 'render-config.php'), path.join(bundle, 'config.php.template')], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    assert.equal(render.status, 0, render.stderr);
    fs.writeFileSync(path.join(code, 'config.php'), render.stdout);
    const lint = spawnSync('php', ['-l', path.join(code, 'config.php')], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout);
    const load = spawnSync('php', [path.join(code, 'config.php')], { encoding: 'utf8' });
    assert.equal(load.status, 0, load.stderr);
    return JSON.parse(load.stdout) as Record<string, unknown>;
  }

  it('config.php rendered for Redis with TLS is valid PHP and sets every cluster line of MOODLE.md', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_SESSION_HANDLER: 'redis', MOODLE_SESSION_HOST: 'sessions.example', MOODLE_SESSION_PORT: '6379', MOODLE_SESSION_TLS: '1' });
    assert.equal(cfg.wwwroot, 'https://moodle.example.edu');
    assert.equal(cfg.sslproxy, true);
    assert.equal(cfg.dataroot, '/mnt/moodledata');
    assert.equal(cfg.cachedir, '/mnt/moodledata/cache');
    assert.equal(cfg.tempdir, '/mnt/moodledata/temp');
    assert.equal(cfg.backuptempdir, '/mnt/moodledata/backuptemp');
    assert.equal(cfg.localcachedir, '/var/cache/moodle');
    assert.equal(cfg.session_handler_class, '\\core\\session\\redis');
    assert.equal(cfg.session_redis_host, 'sessions.example');
    assert.equal(cfg.session_redis_port, 6379);
    assert.deepEqual(cfg.session_redis_encrypt, { verify_peer: true });
    assert.equal(cfg.lock_factory, 'auto');
    assert.equal(cfg.preventexecpath, true);
    assert.equal(cfg.disableupdateautodeploy, true);
    assert.equal(cfg.routerconfigured, true);
    assert.equal(cfg.dbpass, clusterEnv.MOODLE_DB_PASS, 'a password with quotes and braces survives as data');
    assert.equal(cfg.dbtype, 'auroramysql');
  });

  it('config.php rendered for memcached lists the nodes; without TLS no encrypt option', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_SESSION_HANDLER: 'memcached', MOODLE_MEMCACHED_SAVE_PATH: 'a:11211,b:11211' });
    assert.equal(cfg.session_handler_class, '\\core\\session\\memcached');
    assert.equal(cfg.session_memcached_save_path, 'a:11211,b:11211');
    assert.equal(cfg.session_redis_encrypt, undefined);
  });

  it('render refuses a missing value or a wwwroot ending in /public, naming it', () => {
    const missing = spawnSync('php', [path.join(bundle, 'render-config.php'), path.join(bundle, 'config.php.template')], { env: { PATH: process.env.PATH, ...clusterEnv, MOODLE_DB_HOST: '' }, encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /MOODLE_DB_HOST is not set/);
    const pub = spawnSync('php', [path.join(bundle, 'render-config.php'), path.join(bundle, 'config.php.template')], { env: { PATH: process.env.PATH, ...clusterEnv, MOODLE_WWWROOT: 'https://m.example.edu/public' }, encoding: 'utf8' });
    assert.equal(pub.status, 1);
    assert.match(pub.stderr, /MOODLE_WWWROOT/);
  });


  it('B1: a mixed-case load balancer name becomes a lower-case wwwroot host (the path keeps its case)', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_WWWROOT: 'HTTP://Moodle-LoadB-1GLWRR53AM4WG-123.EU-West-1.elb.amazonaws.com/Moodle' });
    assert.equal(cfg.wwwroot, 'http://moodle-loadb-1glwrr53am4wg-123.eu-west-1.elb.amazonaws.com/Moodle');
    const bad = spawnSync('php', [path.join(bundle, 'render-config.php'), path.join(bundle, 'config.php.template')], { env: { PATH: process.env.PATH, ...clusterEnv, MOODLE_WWWROOT: 'moodle.example.edu' }, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /MOODLE_WWWROOT must be an http:\/\/ or https:\/\/ address/);
  });

  it('B2/M8: TLS to the database verifies the server certificate; PostgreSQL gets the CA file; a reader becomes dboptions readonly', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_DB_TLS: '1', MOODLE_DB_CA_FILE: '/etc/pki/rds/global-bundle.pem', MOODLE_DB_READER_HOST: 'db.cluster-ro.example' });
    const dboptions = cfg.dboptions as Record<string, unknown>;
    assert.equal(dboptions.ssl, 'verify-full');
    assert.deepEqual(dboptions.readonly, { instance: ['db.cluster-ro.example'], latency: 1 });
    assert.equal(cfg['env:PGSSLROOTCERT'], false, 'mysqlnd uses the system trust store; no libpq variable for MySQL');
    const pg = renderAndLoad({ ...clusterEnv, MOODLE_DB_TYPE: 'pgsql', MOODLE_DB_TLS: '1', MOODLE_DB_CA_FILE: '/etc/pki/rds/global-bundle.pem' });
    assert.equal(pg['env:PGSSLROOTCERT'], '/etc/pki/rds/global-bundle.pem');
    const plain = renderAndLoad(clusterEnv);
    assert.equal((plain.dboptions as Record<string, unknown>).ssl, undefined);
    assert.equal((plain.dboptions as Record<string, unknown>).readonly, undefined);
  });

  it('M5: trusted proxies turn on X-Forwarded-For with the load balancer subnets ignored; a bad CIDR is refused', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_TRUSTED_PROXIES: '10.80.0.0/24, 10.80.1.0/24' });
    assert.equal(cfg.getremoteaddrconf, 1);
    assert.equal(cfg.reverseproxyignore, '10.80.0.0/24,10.80.1.0/24');
    assert.equal(renderAndLoad(clusterEnv).getremoteaddrconf, undefined, 'no proxies given: Moodle default');
    const bad = spawnSync('php', [path.join(bundle, 'render-config.php'), path.join(bundle, 'config.php.template')], { env: { PATH: process.env.PATH, ...clusterEnv, MOODLE_TRUSTED_PROXIES: '10.80.0.0/99' }, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /MOODLE_TRUSTED_PROXIES must be comma-separated CIDRs/);
  });

  it('session locks: a dead request\'s lock expires before a waiting request gives up, both within the load balancer\'s 60 s (no 7200 s expiry)', () => {
    for (const [handler, prefix] of [['redis', 'session_redis'], ['memcached', 'session_memcached']] as const) {
      const cfg = renderAndLoad({ ...clusterEnv, MOODLE_SESSION_HANDLER: handler, MOODLE_SESSION_HOST: 'h', MOODLE_SESSION_PORT: '6379', MOODLE_MEMCACHED_SAVE_PATH: 'h:11211' });
      const expire = cfg[`${prefix}_lock_expire`] as number;
      const wait = cfg[`${prefix}_acquire_lock_timeout`] as number;
      assert.ok(expire > 0 && expire < wait, `${handler}: expire ${expire} < acquire timeout ${wait}`);
      assert.ok(wait < 60, `${handler}: acquire timeout ${wait} within the ALB idle timeout`);
    }
  });

  it('M11: SMTP from the stack, with the secret\'s user and password; no SMTP host, no mail settings', () => {
    const cfg = renderAndLoad({ ...clusterEnv, MOODLE_SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com', MOODLE_SMTP_USER: 'AKIA', MOODLE_SMTP_PASS: 'p', MOODLE_NOREPLY_ADDRESS: 'noreply@school.example' });
    assert.equal(cfg.smtphosts, 'email-smtp.eu-west-1.amazonaws.com:587');
    assert.equal(cfg.smtpsecure, 'tls');
    assert.equal(cfg.smtpuser, 'AKIA');
    assert.equal(cfg.smtppass, 'p');
    assert.equal(cfg.noreplyaddress, 'noreply@school.example');
    assert.equal(renderAndLoad(clusterEnv).smtphosts, undefined);
  });

  let nodeCount = 0;
  /** A node: its own code dir with a stub Moodle, sharing moodledata and the stub database with the other nodes. */
  function node(shared: string, version: string, layout: 'classic' | 'public' = 'classic', webUser = os.userInfo().username): { env: NodeJS.ProcessEnv; home: string } {
    const home = path.join(dir, `node-${++nodeCount}`);
    const code = path.join(home, 'code');
    writeStubMoodle(code, version, layout);
    fs.mkdirSync(path.join(shared, 'data'), { recursive: true });
    fs.mkdirSync(path.join(home, 'cron.d'), { recursive: true });
    const aws = path.join(shared, 'aws');
    fs.writeFileSync(aws, FAKE_AWS, { mode: 0o755 });
    return {
      home,
      env: {
        PATH: process.env.PATH, ...clusterEnv, MOODLE_SSLPROXY: '0', MOODLE_SESSION_HANDLER: 'redis', MOODLE_SESSION_HOST: 'r', MOODLE_SESSION_PORT: '6379',
        MOODLE_CONFIG_SOURCE: 'env', MOODLE_CODE_DIR: code, MOODLE_DATA_DIR: path.join(shared, 'data'), MOODLE_LOCAL_CACHE_DIR: path.join(home, 'localcache'),
        MOODLE_WEB_USER: webUser, MOODLE_RESTART_CMD: `touch ${path.join(home, 'restarted')}`, MOODLE_OPS_DIR: path.join(home, 'ops'), MOODLE_STATE_DIR: path.join(home, 'state'),
        MOODLE_CRON_FILE: path.join(home, 'cron.d', 'moodle'), MOODLE_PHP_INI_DIR: path.join(home, 'no-php-d'), MOODLE_AWS: aws,
        MOODLE_STACK_NAME: 'School', MOODLE_DB_CLUSTER_ID: 'school-db', MOODLE_ADMIN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:admin',
        STUB_LOG: path.join(shared, 'calls.log'), STUB_DB: path.join(shared, 'db.json'), STUB_AWS_LOG: path.join(shared, 'aws.log'),
      },
    };
  }

  function sharedDir(name: string): string {
    const shared = path.join(dir, name);
    fs.mkdirSync(shared, { recursive: true });
    return shared;
  }
  function installedDb(shared: string, version: string): void {
    fs.writeFileSync(path.join(shared, 'db.json'), JSON.stringify({ tables: ['config', 'user'], config: { version, rolesactive: '1' } }));
  }
  function calls(shared: string): string[] {
    const file = path.join(shared, 'calls.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.trim()).filter((l) => l && !l.includes('--is-pending')) : [];
  }
  function run(script: string, env: NodeJS.ProcessEnv, args: string[] = [], input?: string): Promise<{ code: number; out: string; stdout: string }> {
    return new Promise((resolve) => {
      const child = execFile('bash', [path.isAbsolute(script) ? script : path.join(bundle, script), ...args], { env }, (error, stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: stdout + stderr, stdout }));
      if (input !== undefined) child.stdin!.end(input);
    });
  }
  const runOp = (name: string, env: NodeJS.ProcessEnv, args: string[] = []) => run(path.join(env.MOODLE_OPS_DIR!, name), env, args);

  it('same version on three nodes at once: config.php on each, no maintenance, no upgrade, state ready, cron installed (5.1 layout too)', async () => {
    const shared = sharedDir('same');
    installedDb(shared, '2025041400');
    const nodes = [node(shared, '2025041400'), node(shared, '2025041400'), node(shared, '2025041400', 'public')];
    const results = await Promise.all(nodes.map((n) => run('hooks/after-install.sh', n.env)));
    for (const r of results) assert.equal(r.code, 0, r.out);
    assert.deepEqual(calls(shared), [], 'nothing but the upgrade checks ran');
    for (const n of nodes) {
      assert.match(fs.readFileSync(path.join(n.env.MOODLE_CODE_DIR!, 'config.php'), 'utf8'), /\$CFG->wwwroot {2}= 'https:\/\/moodle\.example\.edu';/);
      assert.equal(fs.readFileSync(path.join(n.env.MOODLE_STATE_DIR!, 'site-state'), 'utf8').trim(), 'ready');
      assert.ok(fs.existsSync(path.join(n.env.MOODLE_OPS_DIR!, 'install.sh')), 'ops installed on local disk');
      assert.ok(fs.existsSync(path.join(n.env.MOODLE_DATA_DIR!, 'temp')));
    }
    assert.ok(!fs.existsSync(path.join(shared, 'data', 'climaintenance.html')));
    assert.match(fs.readFileSync(nodes[2].env.MOODLE_CRON_FILE!, 'utf8'), /public\/admin\/cli\/cron\.php/, 'Moodle 5.1 public/ layout');
  });

  it('B3/M4: a newer release puts the whole fleet in maintenance and never upgrades in a hook; upgrade.sh then snapshots, upgrades once, purges, ends maintenance; twice is safe', async () => {
    const shared = sharedDir('upgrade');
    installedDb(shared, '2025041400');
    const nodes = [node(shared, '2025041401'), node(shared, '2025041401')];
    const first = await run('hooks/after-install.sh', nodes[0].env);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /newer than the database .*maintenance is on for every node/);
    assert.ok(fs.existsSync(path.join(shared, 'data', 'climaintenance.html')), 'maintenance on (shared: the whole fleet)');
    assert.equal(fs.readFileSync(path.join(nodes[0].env.MOODLE_STATE_DIR!, 'site-state'), 'utf8').trim(), 'maintenance');
    const second = await run('hooks/after-install.sh', nodes[1].env);
    assert.equal(second.code, 0, second.out);
    assert.deepEqual(calls(shared), ['maintenance.php --enable'], 'the hooks neither upgrade nor purge, and enable maintenance once');
    assert.ok(!fs.existsSync(path.join(shared, 'aws.log')), 'no AWS call (no snapshot) from a hook');

    const up = await runOp('upgrade.sh', nodes[0].env);
    assert.equal(up.code, 0, up.out);
    assert.deepEqual(calls(shared), ['maintenance.php --enable', 'upgrade.php --non-interactive', 'purge_caches.php', 'maintenance.php --disable']);
    const aws = fs.readFileSync(path.join(shared, 'aws.log'), 'utf8');
    assert.match(aws, /rds create-db-cluster-snapshot --db-cluster-identifier school-db --db-cluster-snapshot-identifier school-pre-upgrade-2025041400-to-2025041401/);
    assert.ok(aws.indexOf('create-db-cluster-snapshot') < aws.lastIndexOf('wait db-cluster-snapshot-available'), 'waits for the snapshot');
    assert.ok(!fs.existsSync(path.join(shared, 'data', 'climaintenance.html')), 'maintenance off');
    assert.equal((JSON.parse(fs.readFileSync(path.join(shared, 'db.json'), 'utf8')) as { config: { version: string } }).config.version, '2025041401');

    const again = await runOp('upgrade.sh', nodes[1].env);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /nothing to do/);
    assert.equal(calls(shared).length, 4, 'the second run changed nothing');
  });

  it('upgrade.sh after a failed upgrade: maintenance stays on with the reason; the next run finishes the upgrade', async () => {
    const shared = sharedDir('failed-upgrade');
    installedDb(shared, '2025041400');
    const n = node(shared, '2025041401');
    assert.equal((await run('hooks/after-install.sh', n.env)).code, 0);
    const failed = await runOp('upgrade.sh', { ...n.env, STUB_UPGRADE_FAILS: '1' });
    assert.notEqual(failed.code, 0);
    assert.match(failed.out, /the upgrade failed; the site stays in maintenance/);
    assert.ok(fs.existsSync(path.join(shared, 'data', 'climaintenance.html')));
    const retried = await runOp('upgrade.sh', n.env);
    assert.equal(retried.code, 0, retried.out);
    assert.ok(!fs.existsSync(path.join(shared, 'data', 'climaintenance.html')));
  });

  it('B3/m5: code older than the database is a clear stop in the hook and in upgrade.sh: no install, no upgrade, nothing changed', async () => {
    const shared = sharedDir('downgrade');
    installedDb(shared, '2025041401');
    const n = node(shared, '2025041400');
    const hook = await run('hooks/after-install.sh', { ...n.env, MOODLE_ADMIN_PASS: 'would have installed before' });
    assert.equal(hook.code, 3, hook.out);
    assert.match(hook.out, /STOP: the code on this node \(version 2025041400\) is older than the database \(version 2025041401\)/);
    assert.match(hook.out, /Do not retry this deployment or roll back to older code/);
    const op = await runOp('upgrade.sh', n.env);
    assert.equal(op.code, 3);
    assert.match(op.out, /Moodle cannot downgrade/);
    assert.deepEqual(calls(shared), [], 'no install, no upgrade, no maintenance change');
    assert.ok(!fs.existsSync(path.join(shared, 'aws.log')) || !fs.readFileSync(path.join(shared, 'aws.log'), 'utf8').includes('snapshot'));
  });

  it('B4: a deploy to an empty database installs nothing; install.sh installs with the password from Secrets Manager through stdin, never argv; twice is safe', async () => {
    const shared = sharedDir('install');
    const n = node(shared, '2025041400');
    const env = { ...n.env, STUB_SECRET: '{"password":"S3cr3t-\'$(x)"}', STUB_EXPECTED_PASS: 'S3cr3t-\'$(x)', MOODLE_ADMIN_EMAIL: 'it@school.example' };
    const deploy = await run('hooks/after-install.sh', env);
    assert.equal(deploy.code, 0, deploy.out);
    assert.match(deploy.out, /not installed in this database yet: .*moodle-ha site install/);
    assert.deepEqual(calls(shared), []);
    assert.equal(fs.readFileSync(path.join(n.env.MOODLE_STATE_DIR!, 'site-state'), 'utf8').trim(), 'not-installed');

    const install = await runOp('install.sh', env);
    assert.equal(install.code, 0, install.out);
    assert.deepEqual(calls(shared), [
      'install_database.php --agree-license --adminpass=*** --lang=en --fullname=Moodle --shortname=moodle --adminemail=it@school.example',
      'password matches, not in argv',
    ]);
    assert.match(fs.readFileSync(path.join(shared, 'aws.log'), 'utf8'), /secretsmanager get-secret-value --secret-id arn:aws:secretsmanager:eu-west-1:1:secret:admin --query SecretString --output text/);
    assert.ok(!install.out.includes('S3cr3t'), 'the password is not in the output');
    const again = await runOp('install.sh', env);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /already installed .*nothing to do/);
    assert.equal(calls(shared).length, 2);
  });

  it('B4: a half-finished install is detected and explained, under the upgrade lock it left; --reset-partial drops its tables and installs; an installed site is never reset', async () => {
    const shared = sharedDir('partial');
    const n = node(shared, '2025041400');
    const env = { ...n.env, STUB_SECRET: 'plain-password', STUB_EXPECTED_PASS: 'plain-password' };
    assert.equal((await run('hooks/after-install.sh', env)).code, 0);
    const died = await runOp('install.sh', { ...env, STUB_INSTALL_DIES: '1' });
    assert.notEqual(died.code, 0);
    const explained = await runOp('install.sh', env);
    assert.equal(explained.code, 4, explained.out);
    // Read under the upgrade lock the killed installer left: site-state.php must answer all the same.
    assert.match(explained.out, /a first install did not finish: 2 tables with prefix mdl_, core version 2025041400 recorded but the install never finished \(its upgrade lock holds until \d\d:\d\d:\d\d UTC\)/);
    assert.match(explained.out, /--reset-partial/);
    const reset = await runOp('install.sh', env, ['--reset-partial']);
    assert.equal(reset.code, 0, reset.out);
    assert.equal(calls(shared).filter((l) => l === 'password matches, not in argv').length, 2);
    const refused = await runOp('install.sh', env, ['--reset-partial']);
    assert.match(refused.out, /already installed/, 'an installed site is left alone even with --reset-partial');
  });

  it('m2: application-stop removes cron and waits for a running cron.php before the code is replaced', async () => {
    const shared = sharedDir('cron');
    installedDb(shared, '2025041400');
    const n = node(shared, '2025041400');
    const release = path.join(n.home, 'cron-may-finish');
    assert.equal((await run('hooks/after-install.sh', n.env)).code, 0, 'config.php for cron.php');
    assert.ok(fs.existsSync(n.env.MOODLE_CRON_FILE!));
    const cron = spawn('php', [path.join(n.env.MOODLE_CODE_DIR!, 'admin', 'cli', 'cron.php')], { env: { ...n.env, STUB_CRON_RELEASE: release } });
    let cronErr = '';
    cron.stderr!.on('data', (d) => { cronErr += String(d); });
    cron.stdout!.on('data', (d) => { cronErr += String(d); });
    const cronEnded = new Promise<void>((r) => cron.on('exit', () => r()));
    // A failed assertion must not leave the stub cron.php waiting for its release file: its pipes
    // would keep mocha (and CI) alive after the last test.
    const children: ChildProcess[] = [cron];
    try {
      await waitFor(() => calls(shared).includes('cron.php'));
      assert.equal(cron.exitCode, null, `cron.php still running: ${cronErr}`);
      let out = '';
      let stopCode: number | null = null;
      const stop = spawn('bash', [path.join(bundle, 'hooks', 'application-stop.sh')], { env: { ...n.env, MOODLE_CRON_WAIT: '60' } });
      stop.stdout.on('data', (d) => { out += String(d); });
      stop.stderr.on('data', (d) => { out += String(d); });
      children.push(stop);
      const stopEnded = new Promise<void>((r) => stop.on('exit', (code) => { stopCode = code; r(); }));
      await waitFor(() => out.includes('waiting for the running cron.php'));
      assert.ok(!fs.existsSync(n.env.MOODLE_CRON_FILE!), 'cron file removed first');
      assert.equal(stopCode, null, 'still waiting while cron.php runs');
      fs.writeFileSync(release, '');
      await cronEnded;
      await stopEnded;
      assert.equal(stopCode, 0, out);
      assert.match(out, /no cron\.php running/);
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  /** A node whose hooks run as root for the web user `nobody`, its moodledata and the stub's files owned by it (as root only). */
  function webUserNode(name: string): { n: ReturnType<typeof node>; data: string } {
    const shared = sharedDir(name);
    for (const d of [dir, shared]) fs.chmodSync(d, 0o755);
    installedDb(shared, '2025041400');
    const n = node(shared, '2025041400', 'classic', 'nobody');
    fs.chmodSync(n.home, 0o755);
    const data = n.env.MOODLE_DATA_DIR!;
    spawnSync('chown', ['-R', 'nobody', data, path.join(shared, 'db.json')]);
    fs.writeFileSync(path.join(shared, 'calls.log'), '');
    spawnSync('chown', ['nobody', path.join(shared, 'calls.log'), shared]);
    return { n, data };
  }

  it('HIGH-1: the review\'s symlink attack (web user plants links in moodledata) is refused; root changes nothing through them (needs root)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // the attack is root following the web user's links: only reproducible as root
    const { n, data } = webUserNode('symlink');
    const victimDir = path.join(dir, 'victim-etc');
    const victimFile = path.join(dir, 'victim-shadow');
    fs.mkdirSync(victimDir);
    fs.writeFileSync(victimFile, 'root:$6$secret-hash:19000:0:99999:7:::\n');
    // What the web user does: temp -> a root directory; the lock file -> a root file.
    spawnSync('runuser', ['-u', 'nobody', '--', 'ln', '-s', victimFile, path.join(data, '.moodle-ha-deploy.lock')]);
    const planted = spawnSync('runuser', ['-u', 'nobody', '--', 'ln', '-s', victimDir, path.join(data, 'temp')]);
    assert.equal(planted.status, 0, planted.stderr?.toString());
    const refused = await run('hooks/after-install.sh', n.env);
    assert.notEqual(refused.code, 0);
    assert.match(refused.out, /temp is a symbolic link .*refusing to use it/);
    assert.equal(fs.statSync(victimDir).uid, 0, 'the root directory still belongs to root');

    fs.unlinkSync(path.join(data, 'temp'));
    const deployed = await run('hooks/after-install.sh', n.env);
    assert.equal(deployed.code, 0, deployed.out);
    assert.equal(fs.readFileSync(victimFile, 'utf8'), 'root:$6$secret-hash:19000:0:99999:7:::\n', 'the lock link truncated nothing');
    assert.equal(fs.statSync(victimFile).uid, 0);
    assert.equal(fs.statSync(path.join(data, 'temp')).uid, fs.statSync(data).uid, 'moodledata/temp created by the web user, not root');
    assert.notEqual(fs.statSync(path.join(data, 'temp')).uid, 0);
  });

  it('a deploy lock left root-owned (0640) by earlier hooks is handed to the web user: the next deploy does not fail "Permission denied" (needs root)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // a file the web user cannot open needs a second user: only reproducible as root
    const { n, data } = webUserNode('old-lock');
    const lock = path.join(data, '.moodle-ha-deploy.lock');
    fs.writeFileSync(lock, '', { mode: 0o640 }); // as root, as the older hooks' `exec 9> lock` left it
    const deployed = await run('hooks/after-install.sh', n.env);
    assert.equal(deployed.code, 0, deployed.out);
    assert.doesNotMatch(deployed.out, /Permission denied/);
    assert.notEqual(fs.statSync(lock).uid, 0, 'the lock file now belongs to the web user');
  });

  it('M9: validate-service sends the wwwroot\'s host (and X-Forwarded-Proto with sslproxy) and wants the login form', async () => {
    const seen: { host?: string; proto?: string }[] = [];
    let body = '<form class="login-form" action="x" method="post" id="login"><input type="text" name="username" id="username">';
    const server = http.createServer((req, res) => {
      seen.push({ host: req.headers.host, proto: req.headers['x-forwarded-proto'] as string | undefined });
      if (req.headers.host !== 'moodle-lb-1abc.eu-west-1.elb.amazonaws.com') { res.writeHead(303, { Location: 'https://elsewhere/login/index.php' }); res.end(); return; }
      res.statusCode = req.url === '/login/index.php' ? 200 : 404;
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const shared = sharedDir('validate');
      const n = node(shared, '2025041400');
      const env = { ...n.env, MOODLE_WWWROOT: 'https://Moodle-LB-1abc.eu-west-1.elb.amazonaws.com', MOODLE_SSLPROXY: '1', MOODLE_HEALTH_URL: `http://127.0.0.1:${port}/login/index.php`, MOODLE_HEALTH_ATTEMPTS: '2', MOODLE_HEALTH_WAIT: '0' };
      const ok = await run('hooks/validate-service.sh', env);
      assert.equal(ok.code, 0, ok.out);
      assert.deepEqual(seen[0], { host: 'moodle-lb-1abc.eu-west-1.elb.amazonaws.com', proto: 'https' });
      body = 'a PHP page, but not Moodle\'s login';
      const noForm = await run('hooks/validate-service.sh', env);
      assert.notEqual(noForm.code, 0);
      assert.match(noForm.out, /answered 200 without Moodle's login form after 2 attempts/);
      const wrongHost = await run('hooks/validate-service.sh', { ...env, MOODLE_WWWROOT: 'https://other.example' });
      assert.notEqual(wrongHost.code, 0);
      assert.match(wrongHost.out, /redirected to https:\/\/elsewhere\/login\/index\.php/);
      const plain = await run('hooks/validate-service.sh', { ...env, MOODLE_SSLPROXY: '0' });
      assert.equal(seen[seen.length - 1].proto, undefined, 'no X-Forwarded-Proto without sslproxy');
      assert.notEqual(plain.code, 0);
    } finally {
      server.close();
    }
  });

  it('validate-service: in maintenance (awaiting the upgrade) Moodle\'s 503 passes; when ready it fails', async () => {
    const server = http.createServer((_req, res) => { res.statusCode = 503; res.end('maintenance'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const n = node(sharedDir('validate-maint'), '2025041400');
      const env: NodeJS.ProcessEnv = { ...n.env, MOODLE_HEALTH_URL: `http://127.0.0.1:${port}/login/index.php`, MOODLE_HEALTH_ATTEMPTS: '1', MOODLE_HEALTH_WAIT: '0' };
      fs.mkdirSync(env.MOODLE_STATE_DIR!, { recursive: true });
      fs.writeFileSync(path.join(env.MOODLE_STATE_DIR!, 'site-state'), 'maintenance\n');
      assert.equal((await run('hooks/validate-service.sh', env)).code, 0);
      fs.writeFileSync(path.join(env.MOODLE_STATE_DIR!, 'site-state'), 'ready\n');
      assert.notEqual((await run('hooks/validate-service.sh', env)).code, 0);
    } finally {
      server.close();
    }
  });

  it('after-install fails, and says why, when there is no Moodle code', async () => {
    const n = node(sharedDir('empty'), '2025041400');
    fs.rmSync(path.join(n.env.MOODLE_CODE_DIR!, 'version.php'));
    const r = await run('hooks/after-install.sh', n.env);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /version\.php missing/);
  });

  it('before-install refuses to empty a system folder; application-start runs the restart command', async () => {
    const n = node(sharedDir('misc'), '2025041400');
    assert.notEqual((await run('hooks/before-install.sh', { ...n.env, MOODLE_CODE_DIR: '/' })).code, 0);
    const cleaned = await run('hooks/before-install.sh', n.env);
    assert.equal(cleaned.code, 0, cleaned.out);
    assert.deepEqual(fs.readdirSync(n.env.MOODLE_CODE_DIR!), []);
    assert.equal((await run('hooks/application-start.sh', n.env)).code, 0);
    assert.ok(fs.existsSync(path.join(n.home, 'restarted')));
  });
});

/** Polls a condition on the event loop (no fixed sleeps): resolves as soon as it holds. */
async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
