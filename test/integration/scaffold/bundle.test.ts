import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { planScaffold } from '../../../src/engine/scaffold/plan';
import { writePlan } from '../../../src/engine/scaffold/write-plan';

const HOOKS = ['application-stop.sh', 'before-install.sh', 'after-install.sh', 'application-start.sh', 'validate-service.sh'];

/** A Moodle CLI script that logs its call; upgrade.php reports "pending" until one upgrade ran. */
const STUB_CLI = `<?php
file_put_contents(getenv('STUB_LOG'), basename(__FILE__) . ' ' . implode(' ', array_slice($argv, 1)) . "\\n", FILE_APPEND | LOCK_EX);
if (basename(__FILE__) === 'upgrade.php') {
    if (in_array('--is-pending', $argv, true)) { exit(file_exists(getenv('STUB_MARKER')) ? 0 : 2); }
    usleep(300000);
    touch(getenv('STUB_MARKER'));
}
exit(0);
`;

/** lib/setup.php stand-in: prints what config.php set. */
const SETUP_DUMP = `<?php echo json_encode(get_object_vars($CFG), JSON_UNESCAPED_SLASHES);`;

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

  it('hooks pass shellcheck', () => {
    const run = spawnSync('shellcheck', ['-x', '-f', 'gcc', ...HOOKS, 'common.sh'], { cwd: path.join(bundle, 'hooks'), encoding: 'utf8' });
    assert.equal(run.error, undefined, 'shellcheck is installed');
    assert.equal(run.stdout + run.stderr, '');
    assert.equal(run.status, 0);
  });

  it('PHP files pass php -l', () => {
    const run = spawnSync('php', ['-l', path.join(bundle, 'render-config.php')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
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

  /** A node: its own code dir with stub CLI scripts, sharing moodledata with the other nodes. */
  function node(name: string, layout: 'classic' | 'public'): { env: NodeJS.ProcessEnv; log: string } {
    const code = path.join(dir, name, 'code');
    const cli = layout === 'public' ? path.join(code, 'public', 'admin', 'cli') : path.join(code, 'admin', 'cli');
    fs.mkdirSync(cli, { recursive: true });
    fs.writeFileSync(path.join(layout === 'public' ? path.join(code, 'public') : code, 'version.php'), '<?php $version = 2025041400;');
    for (const script of ['upgrade.php', 'maintenance.php', 'purge_caches.php', 'cron.php', 'install_database.php']) fs.writeFileSync(path.join(cli, script), STUB_CLI);
    const shared = path.join(dir, 'moodledata');
    fs.mkdirSync(shared, { recursive: true });
    const log = path.join(dir, 'calls.log');
    return {
      log,
      env: {
        PATH: process.env.PATH, ...clusterEnv, MOODLE_SESSION_HANDLER: 'redis', MOODLE_SESSION_HOST: 'r', MOODLE_SESSION_PORT: '6379',
        MOODLE_CONFIG_SOURCE: 'env', MOODLE_CODE_DIR: code, MOODLE_DATA_DIR: shared, MOODLE_LOCAL_CACHE_DIR: path.join(dir, name, 'localcache'),
        MOODLE_WEB_USER: os.userInfo().username, MOODLE_RESTART_CMD: `touch ${path.join(dir, name, 'restarted')}`,
        MOODLE_CRON_FILE: path.join(dir, name, 'cron.d', 'moodle'), MOODLE_PHP_INI_DIR: path.join(dir, name, 'no-php-d'),
        STUB_LOG: log, STUB_MARKER: path.join(shared, 'upgraded.marker'),
      },
    };
  }

  function runHook(hook: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile('bash', [path.join(bundle, 'hooks', hook)], { env }, (error, stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: stdout + stderr }));
    });
  }

  it('upgrades once, on one node, when three nodes deploy at the same time: maintenance → upgrade → purge → maintenance off', async () => {
    const nodes = [node('n1', 'classic'), node('n2', 'classic'), node('n3', 'public')];
    for (const n of nodes) fs.mkdirSync(path.dirname(n.env.MOODLE_CRON_FILE!), { recursive: true });
    const results = await Promise.all(nodes.map((n) => runHook('after-install.sh', n.env)));
    for (const r of results) assert.equal(r.code, 0, r.out);
    const calls = fs.readFileSync(nodes[0].log, 'utf8').trim().split('\n').map((l) => l.trim()).filter((l) => !l.includes('--is-pending'));
    assert.deepEqual(calls, ['maintenance.php --enable', 'upgrade.php --non-interactive', 'purge_caches.php', 'maintenance.php --disable']);
    assert.equal(fs.readFileSync(nodes[0].log, 'utf8').split('\n').filter((l) => l.includes('--is-pending')).length, 3, 'every node asked');
    for (const n of nodes) {
      const config = fs.readFileSync(path.join(n.env.MOODLE_CODE_DIR!, 'config.php'), 'utf8');
      assert.match(config, /\$CFG->wwwroot {2}= 'https:\/\/moodle\.example\.edu';/);
      assert.ok(fs.existsSync(path.join(n.env.MOODLE_DATA_DIR!, 'temp')));
    }
    assert.match(fs.readFileSync(nodes[2].env.MOODLE_CRON_FILE!, 'utf8'), /public\/admin\/cli\/cron\.php/, 'Moodle 5.1 public/ layout');
  });

  it('after-install fails, and says why, when there is no Moodle code', async () => {
    const n = node('empty', 'classic');
    fs.rmSync(path.join(n.env.MOODLE_CODE_DIR!, 'version.php'));
    const r = await runHook('after-install.sh', n.env);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /version\.php missing/);
  });

  it('before-install refuses to empty a system folder; application-stop removes cron; application-start runs the restart command', async () => {
    const n = node('n4', 'classic');
    assert.notEqual((await runHook('before-install.sh', { ...n.env, MOODLE_CODE_DIR: '/' })).code, 0);
    const cleaned = await runHook('before-install.sh', n.env);
    assert.equal(cleaned.code, 0, cleaned.out);
    assert.deepEqual(fs.readdirSync(n.env.MOODLE_CODE_DIR!), []);
    fs.mkdirSync(path.dirname(n.env.MOODLE_CRON_FILE!), { recursive: true });
    fs.writeFileSync(n.env.MOODLE_CRON_FILE!, '* * * * * x');
    assert.equal((await runHook('application-stop.sh', n.env)).code, 0);
    assert.ok(!fs.existsSync(n.env.MOODLE_CRON_FILE!));
    assert.equal((await runHook('application-start.sh', n.env)).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'n4', 'restarted')));
  });

  it('validate-service passes on HTTP 200 from the health URL and fails when nothing answers', async () => {
    const server = http.createServer((req, res) => { res.statusCode = req.url === '/login/index.php' ? 200 : 404; res.end('ok'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const n = node('n5', 'classic');
      const ok = await runHook('validate-service.sh', { ...n.env, MOODLE_HEALTH_URL: `http://127.0.0.1:${port}/login/index.php`, MOODLE_HEALTH_ATTEMPTS: '2', MOODLE_HEALTH_WAIT: '0' });
      assert.equal(ok.code, 0, ok.out);
      const bad = await runHook('validate-service.sh', { ...n.env, MOODLE_HEALTH_URL: `http://127.0.0.1:${port}/missing`, MOODLE_HEALTH_ATTEMPTS: '2', MOODLE_HEALTH_WAIT: '0' });
      assert.notEqual(bad.code, 0);
      assert.match(bad.out, /did not answer 200 after 2 attempts/);
    } finally {
      server.close();
    }
  });
});
