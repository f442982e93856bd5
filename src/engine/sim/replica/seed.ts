import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import type { ReplicaPlan } from '../plan/replica-plan';
import { LABEL_PROJECT, LABEL_ROLE } from '../docker/labels';
import { mapDockerError } from '../docker/docker-errors';
import { REPLICA_ADMIN, REPLICA_LOAD_ACCOUNTS } from '../moodle/moodle-login';
import { LABEL_DB_PASSWORD } from './replica-state';

/**
 * A warm start for real Moodle: the database and moodledata of a finished install are kept as "seed"
 * volumes, keyed by what the install depends on (every version.php of the code, the database family,
 * the admin and load accounts, the table prefix). The next `sim up` with the same key copies them into the
 * project's new volumes instead of running Moodle's installer (minutes). Seeds outlive `sim down`;
 * `sim down --seeds` (or `docker volume rm`) removes them.
 */
export const LABEL_SEED = 'moodle-ha.seed';
// seed-2: the install includes the virtual users' accounts.
const SEED_FORMAT = 'seed-2';

export interface Seed { key: string; db: string; data: string; complete: string }

/** Hash of every version.php under the code (core and plugins): a new release or plugin is a new key. */
export function codeVersionHash(codeDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && depth < 6 && e.name !== '.git' && e.name !== 'node_modules' && e.name !== 'vendor') walk(path.join(dir, e.name), `${rel}${e.name}/`, depth + 1);
      else if (e.isFile() && e.name === 'version.php') hash.update(`${rel}\0`).update(fs.readFileSync(path.join(dir, e.name)));
    }
  };
  walk(codeDir, '', 0);
  return hash.digest('hex');
}

export function seedKey(plan: ReplicaPlan, codeDir: string): string | undefined {
  if (plan.app.kind !== 'moodle') return undefined;
  return createHash('sha256')
    .update([SEED_FORMAT, codeVersionHash(codeDir), plan.database.family, plan.app.publicDir, REPLICA_ADMIN.username, REPLICA_ADMIN.password, JSON.stringify(REPLICA_LOAD_ACCOUNTS), 'mdl_'].join('\0'))
    .digest('hex').slice(0, 16);
}

export function seedVolumes(key: string): Seed {
  // `complete` is an empty volume made last: a seed whose copy was interrupted is never used.
  return { key, db: `moodle-ha-seed-${key}-db`, data: `moodle-ha-seed-${key}-data`, complete: `moodle-ha-seed-${key}-ok` };
}

/** The seed for this key and the database password its database was made with, if one is complete. */
export async function findSeed(docker: Docker, key: string): Promise<(Seed & { dbPassword: string }) | undefined> {
  const seed = seedVolumes(key);
  try {
    const db = (await docker.getVolume(seed.db).inspect()) as { Labels?: Record<string, string> };
    await docker.getVolume(seed.data).inspect();
    await docker.getVolume(seed.complete).inspect();
    const dbPassword = db.Labels?.[LABEL_DB_PASSWORD];
    return dbPassword ? { ...seed, dbPassword } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies volume contents with a short-lived helper container (any of our images has sh and cp).
 * The source is mounted read-only; the helper carries the project's label so a crash is swept.
 */
export async function copyVolumes(docker: Docker, image: string, project: string, pairs: Array<{ from: string; to: string }>): Promise<void> {
  const binds = pairs.flatMap((p, i) => [`${p.from}:/from${i}:ro`, `${p.to}:/to${i}`]);
  const script = pairs.map((_, i) => `cp -a /from${i}/. /to${i}/`).join(' && ');
  let container: Docker.Container | undefined;
  try {
    container = await docker.createContainer({
      Image: image, Entrypoint: ['sh', '-c'], Cmd: [script], User: '0',
      Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: 'helper' },
      HostConfig: { Binds: binds, NetworkMode: 'none' },
    });
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = String(await container.logs({ stdout: true, stderr: true }));
      throw new MhaError('sim.readiness', `Copying the replica's data failed (exit ${StatusCode}): ${logs.slice(-400)}`, {
        nextStep: "Run 'moodle-ha sim down' and try again; remove the seed volumes (docker volume ls -f label=moodle-ha.seed) if it keeps failing.",
      });
    }
  } catch (error) {
    if (error instanceof MhaError) throw error;
    throw mapDockerError(error, 'copying volumes');
  } finally {
    await container?.remove({ force: true }).catch(() => undefined);
  }
}

/** Makes the seed from a project's freshly installed volumes (the database must be stopped). */
export async function saveSeed(docker: Docker, image: string, project: string, key: string, volumes: { db: string; data: string }, dbPassword: string): Promise<void> {
  const seed = seedVolumes(key);
  for (const name of [seed.complete, seed.db, seed.data]) await docker.getVolume(name).remove({ force: true }).catch(() => undefined);
  const labels = { [LABEL_SEED]: key };
  await docker.createVolume({ Name: seed.db, Labels: { ...labels, [LABEL_DB_PASSWORD]: dbPassword } });
  await docker.createVolume({ Name: seed.data, Labels: labels });
  await copyVolumes(docker, image, project, [{ from: volumes.db, to: seed.db }, { from: volumes.data, to: seed.data }]);
  await docker.createVolume({ Name: seed.complete, Labels: labels });
}

/** Every seed volume (for `sim down --seeds`). */
export async function removeSeeds(docker: Docker): Promise<number> {
  const { Volumes } = await docker.listVolumes({ filters: { label: [LABEL_SEED] } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove({ force: true }).catch(() => undefined);
  return (Volumes ?? []).length;
}
