import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { throwIfCancelled } from '../../common/cancellation';
import type { Logger } from '../../common/logger';
import type { ProgressSink } from '../../common/progress';
import { LABEL_IMAGE } from './labels';
import { mapDockerError } from './docker-errors';

export const BASE_IMAGE = 'debian:bookworm-slim';

export type ImageName = 'web' | 'lb' | 'db-mariadb' | 'db-postgres' | 'cache-memcached' | 'cache-redis' | 'legacy-server';

/** Lists a build context (sorted, relative paths). */
function contextFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child); else if (e.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Tag = hash of the context's files (names, modes, bytes) and the base image id: unchanged → no rebuild. */
export function contextHash(dir: string, baseImageId: string): string {
  const hash = createHash('sha256').update(baseImageId);
  for (const file of contextFiles(dir)) {
    const full = path.join(dir, file);
    hash.update(`${file}\0${fs.statSync(full).mode & 0o111 ? 'x' : '-'}\0`).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 12);
}

export interface BaseImageDeps {
  /** Runs the debootstrap recipe (needs root); resolves with its exit code and output. */
  runRecipe(script: string): Promise<{ code: number; output: string }>;
  isRoot: boolean;
}

/** The base image: present → use; else pull; else debootstrap (root); else say exactly what to run. */
export async function ensureBaseImage(docker: Docker, simDir: string, deps: BaseImageDeps, progress: ProgressSink, logger: Logger): Promise<string> {
  const existing = await inspectImage(docker, BASE_IMAGE);
  if (existing) return existing;
  progress({ message: `Pulling ${BASE_IMAGE}…` });
  try {
    const stream = await docker.pull(BASE_IMAGE);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: unknown) => (err ? reject(err) : resolve())));
    const pulled = await inspectImage(docker, BASE_IMAGE);
    if (pulled) return pulled;
  } catch (error) {
    logger.info(`pull ${BASE_IMAGE} failed (${(error as Error).message}); building it with debootstrap`);
  }
  const recipe = path.join(simDir, 'base', 'build-base-image.sh');
  if (!deps.isRoot) {
    throw new MhaError('docker.image', `The base image ${BASE_IMAGE} is missing and no registry answered.`, {
      nextStep: `Build it once from Debian's packages as root: sudo bash ${recipe}`,
    });
  }
  progress({ message: `Building ${BASE_IMAGE} with debootstrap (about 40 s)…` });
  const result = await deps.runRecipe(recipe);
  const built = await inspectImage(docker, BASE_IMAGE);
  if (result.code !== 0 || !built) {
    throw new MhaError('docker.image', `Building ${BASE_IMAGE} with debootstrap failed:\n${lastLines(result.output, 15)}`, {
      nextStep: `Install debootstrap (apt-get install debootstrap), check the apt mirror is reachable, then run: sudo bash ${recipe}`,
    });
  }
  return built;
}

async function inspectImage(docker: Docker, name: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(name).inspect()).Id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw mapDockerError(error, `inspecting image ${name}`);
  }
}

/** Builds sim/images/<name> unless an image tagged with its content hash already exists. */
export async function ensureImage(docker: Docker, simDir: string, name: ImageName, baseImageId: string, signal?: AbortSignal, logger?: Logger): Promise<{ tag: string; built: boolean; seconds: number }> {
  const dir = path.join(simDir, 'images', name);
  const tag = `moodle-ha/${name}:${contextHash(dir, baseImageId)}`;
  if (await inspectImage(docker, tag)) return { tag, built: false, seconds: 0 };
  throwIfCancelled(signal);
  const started = Date.now();
  let output = '';
  try {
    const stream = await docker.buildImage({ context: dir, src: contextFiles(dir) }, {
      t: tag, networkmode: 'host', rm: true, forcerm: true, labels: { [LABEL_IMAGE]: name },
    });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: unknown) => (err ? reject(err) : resolve()), (event: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
        if (event.stream) output += event.stream;
        if (event.error) output += `ERROR: ${event.errorDetail?.message ?? event.error}\n`;
      });
    });
  } catch (error) {
    const mapped = mapDockerError(error, `building image ${name}`);
    if (mapped.code !== 'internal') throw mapped;
    output += String((error as Error).message ?? error);
  }
  if (!(await inspectImage(docker, tag))) {
    if (/no space left/i.test(output)) throw mapDockerError(new Error('no space left on device'), `building image ${name}`);
    throw new MhaError('docker.image', `Building image ${name} failed:\n${lastLines(output, 15)}`, {
      nextStep: `Fix sim/images/${name}/Dockerfile or the apt mirror, then run 'moodle-ha sim up' again (docker build --network host ${dir} shows the same).`,
    });
  }
  logger?.info(`built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await removeOlderTags(docker, name, tag);
  return { tag, built: true, seconds: (Date.now() - started) / 1000 };
}

/** Older builds of the same image (a changed context) go, unless a container still uses them. */
async function removeOlderTags(docker: Docker, name: ImageName, keep: string): Promise<void> {
  const images = await docker.listImages({ filters: { reference: [`moodle-ha/${name}`] } }).catch(() => []);
  for (const image of images) {
    for (const t of image.RepoTags ?? []) if (t !== keep) await docker.getImage(t).remove().catch(() => undefined);
  }
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
