import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { ensureBaseImage, ensureImage } from '../../src/engine/sim/docker/images';
import { chooseFreePort } from '../../src/engine/sim/docker/free-port';
import { execIn, lastLogs } from '../../src/engine/sim/docker/containers';
import { dockerodeContainers } from '../../src/engine/sim/docker/dockerode-containers';
import { LABEL_PROJECT, LABEL_ROLE } from '../../src/engine/sim/docker/labels';
import { delay } from '../../src/engine/common/cancellation';
import { runRecipe } from '../../src/engine/sim/replica/run-recipe';

/** A started "legacy server" container: sshd on 127.0.0.1:port, a key that logs in, its host key. */
export interface LegacyServer { container: Docker.Container; name: string; port: number; keyFile: string; fingerprint: string }

export interface LegacySeed { users?: number; files?: number; fileBytes?: number; logRows?: number; version?: number; flaws?: string[]; missingFiles?: number }

/** An ed25519 key pair for the test, made with the machine's ssh-keygen. */
export function makeKey(dir: string): string {
  const keyFile = path.join(dir, 'id_ed25519');
  if (!fs.existsSync(keyFile)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
  return keyFile;
}

export async function startLegacyServer(docker: Docker, simDir: string, project: string, name: string, keyFile: string, seed: LegacySeed = {}): Promise<LegacyServer> {
  const base = await ensureBaseImage(docker, simDir, { isRoot: process.getuid?.() === 0, runRecipe }, () => undefined, { trace() {}, debug() {}, info() {}, warn() {}, error() {} });
  const { tag } = await ensureImage(docker, simDir, 'legacy-server', base);
  const { port } = await chooseFreePort(22000 + Math.floor(Math.random() * 2000));
  const full = `${project}-${name}`;
  await docker.getContainer(full).remove({ force: true, v: true }).catch(() => undefined);
  const env = {
    MHA_SSH_PUBKEY: fs.readFileSync(`${keyFile}.pub`, 'utf8').trim(),
    MHA_SEED_USERS: String(seed.users ?? 50), MHA_SEED_FILES: String(seed.files ?? 2000), MHA_SEED_FILE_BYTES: String(seed.fileBytes ?? 2048),
    MHA_SEED_LOG_ROWS: String(seed.logRows ?? 20000), MHA_SEED_VERSION: String(seed.version ?? 2026112600),
    MHA_SEED_FLAWS: (seed.flaws ?? []).join(','), MHA_SEED_MISSING_FILES: String(seed.missingFiles ?? 0),
  };
  await docker.getVolume(`${full}-moodledata`).remove().catch(() => undefined);
  await docker.createVolume({ Name: `${full}-moodledata`, Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: 'legacy-moodledata' } });
  const container = await docker.createContainer({
    name: full, Image: tag, Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: 'legacy' },
    ExposedPorts: { '22/tcp': {} },
    // moodledata on its own volume, as on a server where it has its own disk.
    HostConfig: { PortBindings: { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] }, Mounts: [{ Type: 'volume', Source: `${full}-moodledata`, Target: '/var/moodledata' }] },
  });
  await container.start();
  for (let i = 0; i < 600; i++) {
    const r = await execIn(container, ['sh', '-c', 'test -f /var/moodledata/.legacy-seeded && pgrep -x sshd >/dev/null']);
    if (r.exitCode === 0) break;
    if (!(await container.inspect()).State.Running) throw new Error(`legacy server ${full} stopped while seeding:\n${await lastLogs(dockerodeContainers(docker), container.id, 8)}`);
    if (i === 599) throw new Error(`legacy server ${full} did not finish seeding`);
    await delay(500);
  }
  const fp = await execIn(container, ['ssh-keygen', '-lf', '/etc/ssh/ssh_host_ed25519_key.pub']);
  return { container, name: full, port, keyFile, fingerprint: /SHA256:\S+/.exec(fp.output)![0] };
}

/** A reinstalled server: new host keys, sshd restarted. */
export async function changeHostKey(server: LegacyServer): Promise<void> {
  const r = await execIn(server.container, ['sh', '-c', 'rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && kill -HUP $(cat /run/sshd.pid)']);
  if (r.exitCode !== 0) throw new Error(r.output);
  await delay(500);
}

export async function removeLegacy(docker: Docker, project: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${project}`, `${LABEL_ROLE}=legacy`] } });
  for (const c of list) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    await docker.getVolume(`${c.Names[0].replace(/^\//, '')}-moodledata`).remove().catch(() => undefined);
  }
}
