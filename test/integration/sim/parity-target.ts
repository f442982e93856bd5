import * as http from 'node:http';
import type Docker from 'dockerode';
import { execIn, type ExecResult } from '../../../src/engine/sim/docker/containers';
import { CODE_DIR } from '../../../src/engine/sim/replica/node-specs';
import { cliDir } from '../../../src/engine/sim/replica/install-app';
import { webNodes, type ReplicaState } from '../../../src/engine/sim/replica/replica-state';

/**
 * What the parity suite does to a running replica, the same way for the probe and for real Moodle:
 * raw HTTP with any Host header, CLI scripts as the web user, config.php overrides (lines added before
 * its last `require_once`, as an administrator would), version.php edits, and session locks written
 * straight into the cache, as a request on a killed node leaves them.
 */
export interface Answer { status: number; statusText: string; location?: string; body: string; cookie?: string; ms: number }

export function get(siteUrl: string, path: string, options: { host?: string; cookie?: string; timeoutMs?: number } = {}): Promise<Answer> {
  const url = new URL(path, siteUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('parity traffic goes to 127.0.0.1 only');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: 'GET',
      headers: { host: options.host ?? url.host, ...(options.cookie ? { cookie: options.cookie } : {}), connection: 'close' },
      timeout: options.timeoutMs ?? 30_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const cookies = (res.headers['set-cookie'] ?? []).map((c) => /^(MoodleSession[^=]*=[^;]+)/.exec(c)?.[1]).filter((c): c is string => !!c && !/=deleted$/.test(c));
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', location: res.headers.location, body: Buffer.concat(chunks).toString('utf8'), cookie: cookies[cookies.length - 1], ms: Date.now() - started });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export class ParityTarget {
  constructor(readonly docker: Docker, readonly state: ReplicaState) {}

  get siteUrl(): string { return this.state.siteUrl.replace(/\/$/, ''); }
  get hostPort(): string { return new URL(this.state.siteUrl).host; }

  private webs(): Docker.Container[] { return webNodes(this.state).map((n) => this.docker.getContainer(n.container)); }

  async exec(cmd: string[], user = 'root'): Promise<ExecResult> { return execIn(this.webs()[0], cmd, {}, user); }

  /** A Moodle CLI script on one node, as the web user (the hooks' moodle_cli). */
  async cli(script: string, ...args: string[]): Promise<ExecResult> {
    return execIn(this.webs()[0], ['php', `${cliDir(this.state.plan)}/${script}`, ...args], {}, 'www-data');
  }

  async configText(): Promise<string> { return (await this.exec(['cat', `${CODE_DIR}/config.php`])).output; }

  /** Adds PHP lines to config.php on every node (before setup runs); `restoreConfig` undoes it. */
  async overrideConfig(lines: string[]): Promise<void> {
    const php = `$f = '${CODE_DIR}/config.php'; if (!is_file("$f.parity")) copy($f, "$f.parity");
      $s = file_get_contents("$f.parity"); $at = strrpos($s, 'require_once(');
      file_put_contents($f, substr($s, 0, $at) . base64_decode('${Buffer.from(lines.join('\n') + '\n').toString('base64')}') . substr($s, $at));`;
    for (const web of this.webs()) await mustExec(web, ['php', '-r', php]);
  }

  async restoreConfig(): Promise<void> {
    for (const web of this.webs()) await mustExec(web, ['sh', '-c', `if [ -f ${CODE_DIR}/config.php.parity ]; then mv ${CODE_DIR}/config.php.parity ${CODE_DIR}/config.php; fi`]);
  }

  /** Adds `delta` to $version in version.php on one node (the one the CLI runs on); `restoreVersion` undoes it. */
  async shiftCodeVersion(delta: number): Promise<void> {
    const file = `${CODE_DIR}/${this.state.plan.app.kind === 'moodle' && this.state.plan.app.publicDir ? 'public/' : ''}version.php`;
    const php = `$f = '${file}'; if (!is_file("$f.parity")) copy($f, "$f.parity"); $s = file_get_contents("$f.parity");
      file_put_contents($f, preg_replace_callback('/(\\$version\\s*=\\s*)([0-9.]+)/', fn($m) => $m[1] . ($m[2] + (${delta})), $s, 1));`;
    await mustExec(this.webs()[0], ['php', '-r', php]);
  }

  async restoreVersion(): Promise<void> {
    await mustExec(this.webs()[0], ['sh', '-c', `for f in ${CODE_DIR}/version.php ${CODE_DIR}/public/version.php; do if [ -f $f.parity ]; then mv $f.parity $f; fi; done`]);
  }

  /**
   * Writes a session's lock key into the session cache as the handler names it (memcached: prefix +
   * "lock." + sid; Redis: prefix + "session_" + sid + ".lock"), with a time to live: a lock a request
   * on a killed node left behind. ttl 0 deletes it (the holder finished).
   */
  async setSessionLock(sid: string, ttlSeconds: number): Promise<void> {
    const config = await this.configText();
    const value = (name: string) => new RegExp(`\\$CFG->${name}\\s*=\\s*'([^']*)'`).exec(config)?.[1];
    let php: string;
    if (this.state.plan.cache.kind === 'redis') {
      const host = value('session_redis_host')!;
      const key = `${value('session_redis_prefix') ?? ''}session_${sid}.lock`;
      php = `$r = new Redis(); $r->connect('${host}', 6379, 2); ${ttlSeconds > 0 ? `$r->set('${key}', 'parity: a holder that died', ['ex' => ${ttlSeconds}]);` : `$r->del('${key}');`}`;
    } else {
      const [host, port] = value('session_memcached_save_path')!.split(',')[0].split(':');
      const key = `${value('session_memcached_prefix') ?? 'memc.sess.key.'}lock.${sid}`;
      php = `$m = new Memcached(); $m->addServer('${host}', ${Number(port) || 11211}); ${ttlSeconds > 0 ? `$m->set('${key}', 'parity', ${ttlSeconds});` : `$m->delete('${key}');`}`;
    }
    await mustExec(this.webs()[0], ['php', '-r', php]);
  }

  async dataFile(name: string): Promise<string> { return (await this.exec(['cat', `/mnt/moodledata/${name}`])).output; }
}

async function mustExec(container: Docker.Container, cmd: string[]): Promise<void> {
  const r = await execIn(container, cmd);
  if (r.exitCode !== 0) throw new Error(`${cmd.join(' ').slice(0, 80)} failed (${r.exitCode}): ${r.output}`);
}
