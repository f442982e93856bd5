import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { LABEL_IMAGE } from './labels';
import { mapDockerError } from './docker-errors';
import { copyDirInto } from './containers';

/**
 * The web image with a Moodle checkout already in CODE_DIR, as an AMI with the code baked in: made
 * once per (web image, code tree), then every web node starts from it in a moment instead of having
 * the checkout (~30k files) streamed into it. Each container still has its own copy-on-write file
 * system: code stays per node, a rolling deploy replaces it on one node only.
 */
export function codeTreeHash(codeDir: string): string {
  // Names, sizes and modification times: a changed file is a new image, without reading 400 MB.
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === '.git') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, `${rel}${e.name}/`);
      else if (e.isFile()) { const s = fs.statSync(full); hash.update(`${rel}${e.name}\0${s.size}\0${s.mtimeMs}\0`); }
    }
  };
  walk(codeDir, '');
  return hash.digest('hex').slice(0, 16);
}

export async function ensureCodeImage(docker: Docker, webImage: string, codeDir: string, codeTarget: string): Promise<{ tag: string; built: boolean }> {
  const tag = `moodle-ha/web-code:${createHash('sha256').update(`${webImage}\0${codeTreeHash(codeDir)}`).digest('hex').slice(0, 16)}`;
  try {
    await docker.getImage(tag).inspect();
    return { tag, built: false };
  } catch { /* make it */ }
  let container: Docker.Container | undefined;
  try {
    container = await docker.createContainer({ Image: webImage, Labels: { [LABEL_IMAGE]: 'web-code-build' } });
    await copyDirInto(container, codeDir, codeTarget);
    const [repo, version] = tag.split(':');
    await container.commit({ repo, tag: version });
  } catch (error) {
    const mapped = mapDockerError(error, 'putting the code into the web image');
    if (mapped.code !== 'internal') throw mapped;
    throw new MhaError('docker.image', `Cannot put ${codeDir} into the web image: ${(error as Error).message}`);
  } finally {
    await container?.remove({ force: true }).catch(() => undefined);
  }
  // Images of older code trees go, unless a container still uses them.
  const images = await docker.listImages({ filters: { reference: ['moodle-ha/web-code'] } }).catch(() => []);
  for (const image of images) for (const t of image.RepoTags ?? []) if (t !== tag) await docker.getImage(t).remove().catch(() => undefined);
  return { tag, built: true };
}
