import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tarFiles } from '../../../../src/engine/sim/docker/tar';
import { demux } from '../../../../src/engine/sim/docker/containers';
import { firstUpstreamError } from '../../../../src/engine/sim/drills/lb-log';
import { mapDockerError } from '../../../../src/engine/sim/docker/docker-errors';
import { describeEndpoint, dockerEndpoint } from '../../../../src/engine/sim/docker/docker-endpoint';
import { inspectMoodleDir } from '../../../../src/engine/sim/moodle/detect-moodle';
import { nodeConfigFiles, shellEnvFile } from '../../../../src/engine/sim/moodle/node-config';
import { locateSimAssets } from '../../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { contextHash } from '../../../../src/engine/sim/docker/images';
import { formatReportText, formatSideBySide } from '../../../../src/engine/sim/drills/format-report';
import { MhaError } from '../../../../src/engine/common/errors';
import { topology, cache } from './topology-fixtures';
import type { DrillReport } from '../../../../src/engine/sim/drills/drill-report';

describe('sim/small parts', () => {
  it('writes a tar that GNU tar reads back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-tar-'));
    fs.writeFileSync(path.join(dir, 'x.tar'), tarFiles([{ name: 'etc/a.conf', content: 'hello\n' }, { name: 'bin/run', content: Buffer.alloc(700, 65), mode: 0o755 }]));
    const list = spawnSync('tar', ['-tvf', path.join(dir, 'x.tar')], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /-rw-r--r-- .* 6 .*etc\/a\.conf/);
    assert.match(list.stdout, /-rwxr-xr-x .* 700 .*bin\/run/);
  });

  it('demultiplexes Docker log frames', () => {
    const frame = (stream: number, text: string) => Buffer.concat([Buffer.from([stream, 0, 0, 0, 0, 0, 0, text.length]), Buffer.from(text)]);
    assert.equal(demux(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])), 'out\nerr\n');
    assert.equal(demux(Buffer.from('plain text')), 'plain text');
  });

  it('finds when nginx first failed an upstream after a moment', () => {
    const log = [
      '2026-11-26T20:28:05.100Z 2026/11/26 [error] 9#9: *1 recv() failed, upstream: "http://10.0.0.12:80/x", host: "h"',
      '2026-11-26T20:28:05.904Z 2026/11/26 [error] 9#9: *2 connect() failed, upstream: "http://10.0.0.11:80/x", host: "h"',
      '2026-11-26T20:28:06.000Z 2026/11/26 [error] 9#9: *3 connect() failed, upstream: "http://10.0.0.12:80/x", host: "h"',
    ].join('\n');
    assert.equal(firstUpstreamError(log, '10.0.0.12', Date.parse('2026-11-26T20:28:05.500Z')), Date.parse('2026-11-26T20:28:06.000Z'));
    assert.equal(firstUpstreamError(log, '10.0.0.1', 0), undefined);
  });

  it('maps socket failures to errors a person can act on', () => {
    const code = (e: unknown, installed = true) => mapDockerError(e, 'x', installed).code;
    assert.equal(code({ code: 'ENOENT' }, false), 'docker.missing');
    assert.equal(code({ code: 'ECONNREFUSED' }), 'docker.notRunning');
    assert.equal(code({ code: 'ENOENT' }), 'docker.notRunning');
    assert.equal(code({ code: 'EACCES' }), 'docker.permission');
    assert.equal(code(new Error('write /var/lib/docker/tmp: no space left on device')), 'docker.diskFull');
    assert.equal(code({ json: { message: 'Bind for 127.0.0.1:8380 failed: port is already allocated' } }), 'docker.portInUse');
    assert.ok(mapDockerError({ code: 'EACCES' }, 'x').nextStep?.includes('docker group'));
  });

  it('names the Docker endpoint actually tried: DOCKER_SOCKET, else DOCKER_HOST, else the default socket', () => {
    assert.deepEqual(dockerEndpoint({ DOCKER_SOCKET: '/run/user/1000/docker.sock', DOCKER_HOST: 'tcp://h:2375' }), { kind: 'socket', path: '/run/user/1000/docker.sock' });
    assert.deepEqual(dockerEndpoint({ DOCKER_HOST: 'unix:///run/podman/podman.sock' }), { kind: 'socket', path: '/run/podman/podman.sock' });
    assert.deepEqual(dockerEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }), { kind: 'host', url: 'tcp://127.0.0.1:2375' });
    assert.deepEqual(dockerEndpoint({}), { kind: 'socket', path: '/var/run/docker.sock' });
    const where = describeEndpoint(dockerEndpoint({ DOCKER_SOCKET: '/tmp/other.sock' }));
    assert.match(mapDockerError({ code: 'ECONNREFUSED' }, 'x', true, where).message, /no answer on \/tmp\/other\.sock/);
    assert.match(mapDockerError({ code: 'EACCES' }, 'x', true, 'DOCKER_HOST=tcp://h:2375').message, /Permission denied on DOCKER_HOST=tcp:\/\/h:2375/);
  });

  it('accepts a Moodle checkout (4.x and 5.1 public/) and rejects other folders', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-moodle-'));
    const make = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(root, 'm'));
      for (const [f, c] of Object.entries(files)) { fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true }); fs.writeFileSync(path.join(dir, f), c); }
      return dir;
    };
    const v45 = make({ 'version.php': "<?php $version = 2024100700; $release = '4.5 (Build: 20241007)';", 'admin/cli/install_database.php': '' });
    assert.deepEqual(await inspectMoodleDir(v45), { dir: v45, publicDir: false, release: '4.5 (Build: 20241007)' });
    const v51 = make({ 'version.php': "<?php $release = '5.1';", 'public/admin/cli/install_database.php': '', 'public/index.php': '' });
    assert.equal((await inspectMoodleDir(v51)).publicDir, true);
    const notMoodle = make({ 'README.md': 'hello' });
    await assert.rejects(inspectMoodleDir(notMoodle), (e: unknown) => e instanceof MhaError && e.code === 'sim.moodle' && /not a Moodle checkout/.test(e.message));
    await assert.rejects(inspectMoodleDir(path.join(root, 'nope')), (e: unknown) => e instanceof MhaError && e.code === 'sim.moodle');
  });

  it('renders config.php through the scaffold bundle\'s render-config.php with the replica\'s values', function () {
    const simDir = locateSimAssets(__dirname);
    const render = (plan: ReturnType<typeof planReplica>, password: string) => {
      const files = nodeConfigFiles(simDir, { codeDir: '/var/www/moodle', dataDir: '/mnt/moodledata', plan, prefix: '10.9.9', dbPassword: password });
      const env = files.find((f) => f.name === '/etc/mha/render.env')!;
      assert.equal(env.mode, 0o600, 'the file with the database password is root-only');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-render-'));
      for (const f of files) fs.writeFileSync(path.join(dir, path.basename(f.name)), f.content);
      // The same shell step as the web image's entrypoint: source the values, run the bundle's renderer.
      return spawnSync('sh', ['-c', `set -a && . ${dir}/render.env && set +a && php ${dir}/render-config.php ${dir}/config.php.template`], { encoding: 'utf8' });
    };
    const memcached = render(planReplica(topology()), "p'w");
    if (memcached.error || memcached.status === 127) this.skip(); // no php on this machine: the Docker suite renders it in the node
    assert.equal(memcached.status, 0, memcached.stderr);
    assert.match(memcached.stdout, /\$CFG->wwwroot\s*= 'http:\/\/127\.0\.0\.1:8380';/);
    assert.match(memcached.stdout, /\$CFG->sslproxy = false;/);
    assert.match(memcached.stdout, /\$CFG->dataroot\s*= '\/mnt\/moodledata';/);
    assert.match(memcached.stdout, /\$CFG->dbpass\s*= 'p\\'w';/);
    assert.match(memcached.stdout, /\$sessionhandler = 'memcached';/);
    assert.match(memcached.stdout, /session_memcached_save_path = '10\.9\.9\.4:11211'/);
    const redis = render(planReplica(topology({ sessionCache: cache('redis', { failover: true }) })), 'x');
    assert.match(redis.stdout, /\$CFG->session_redis_host = '10\.9\.9\.6';/);
  });

  it('writes values a shell sources back unchanged', () => {
    const text = shellEnvFile({ A: "it's", B: 'a b$c' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mha-env-')), 'render.env');
    fs.writeFileSync(file, text);
    const out = spawnSync('sh', ['-c', `set -a; . ${file}; set +a; printf '%s|%s' "$A" "$B"`], { encoding: 'utf8' });
    assert.equal(out.stdout, "it's|a b$c");
  });

  it('hashes an image context: same files same tag, any change a new tag', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-ctx-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM x\n');
    const a = contextHash(dir, 'sha256:base');
    assert.equal(contextHash(dir, 'sha256:base'), a);
    assert.notEqual(contextHash(dir, 'sha256:other'), a);
    fs.writeFileSync(path.join(dir, 'entry.sh'), 'echo\n');
    assert.notEqual(contextHash(dir, 'sha256:base'), a);
  });

  it('renders a report as text and two side by side', () => {
    const report: DrillReport = {
      drill: 'kill-cache', project: 'a', startedAt: '', durationSeconds: 30, users: 4,
      topology: { webNodes: 2, cache: 'memcached', database: 'MariaDB', sticky: false, app: 'probe' },
      summary: { requests: 100, failed: 10, failedAfterDetection: 9, sessionsLost: 4, uploads: 5, uploadsLost: 0, detectSeconds: 0.2, recoverSeconds: 1, maintenance: 0, failuresByKind: { http500: 10 }, nodes: { 'web-1': 90 }, topFailures: [] },
      series: [{ t: 0, requests: 100, failed: 10, maintenance: 0, sessionsLost: 4, byNode: { 'web-1': 90 }, failuresByKind: { http500: 10 }, p95Ms: 12 }],
      events: [{ t: 8, kind: 'kill', node: 'cache-1' }], verdict: { passed: false, expectations: [{ text: 'no session lost', ok: false }] }, notes: [],
    };
    const text = formatReportText(report);
    assert.match(text, /sessions lost 4/);
    assert.match(text, /✘ no session lost/);
    assert.match(text, /8\.0 s {2}kill cache-1/);
    assert.match(text, /FAILED/);
    const side = formatSideBySide(report, { ...report, project: 'b', topology: { ...report.topology, cache: 'redis + replica' }, summary: { ...report.summary, sessionsLost: 0 } });
    assert.match(side, /sessions lost\s+4 \(of 4 users\)\s+0 \(of 4 users\)/);
  });
});

describe('sim/report-svg', () => {
  it('draws bars per node, failures and events as plain SVG without script', async () => {
    const { renderReportSvg } = await import('../../../../src/engine/sim/drills/report-svg');
    const report = {
      drill: 'kill-web', project: 'p', startedAt: '', durationSeconds: 3, users: 1,
      topology: { webNodes: 2, cache: 'memcached', database: 'MariaDB', sticky: false, app: 'probe' },
      summary: {} as never,
      series: [
        { t: 0, requests: 10, failed: 0, maintenance: 0, sessionsLost: 0, byNode: { 'web-1': 5, 'web-2': 5 }, failuresByKind: {}, p95Ms: 1 },
        { t: 1, requests: 10, failed: 2, maintenance: 0, sessionsLost: 0, byNode: { 'web-1': 8 }, failuresByKind: { http502: 2 }, p95Ms: 1 },
      ],
      events: [{ t: 1.2, kind: 'kill', node: 'web-<2>' }], verdict: { passed: true, expectations: [] }, notes: [],
    };
    const svg = renderReportSvg(report as unknown as DrillReport);
    assert.match(svg, /^<svg /);
    assert.doesNotMatch(svg, /<script/);
    assert.equal((svg.match(/<rect [^>]*fill="#dc2626"><title>/g) ?? []).length, 1, 'one failure bar');
    assert.match(svg, /kill web-&lt;2&gt;/, 'event labels are escaped');
    assert.match(svg, /web-1 8/);
  });
});
