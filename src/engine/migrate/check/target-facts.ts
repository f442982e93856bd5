import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { execIn, containerName } from '../../sim/docker/containers';
import { readReplica, webNodes } from '../../sim/replica/replica-state';
import { listPlugins } from '../plugins';
import { branchToRelease } from '../php-config';
import { readVersion } from '../take/read-code';
import { readRequirements } from './environment-xml';
import type { TargetFacts } from './check-site';

/**
 * What the site moves into: the target code (its version, plugins, environment.xml) and the replica's
 * PHP and database versions, read from the running nodes (Debian 12's when no replica runs yet).
 */
export async function targetFacts(options: { codeDir: string; workDir: string; docker?: Docker; project?: string; workBytesNeeded: number }): Promise<TargetFacts & { notes: string[] }> {
  const notes: string[] = [];
  const version = readVersion(options.codeDir);
  const release = branchToRelease(version.branch);
  const xmlFile = [path.join(options.codeDir, 'admin', 'environment.xml'), path.join(options.codeDir, 'public', 'admin', 'environment.xml')].find((f) => fs.existsSync(f));
  const requirements = xmlFile && release ? readRequirements(fs.readFileSync(xmlFile, 'utf8'), release) : undefined;
  let phpVersion = '8.2.0';
  let db = { vendor: 'mariadb', version: '10.11.0' };
  const state = options.docker && options.project ? await readReplica(options.docker, options.project).catch(() => undefined) : undefined;
  if (state && options.docker) {
    const web = webNodes(state)[0];
    const php = web ? await execIn(options.docker.getContainer(containerName(state.project, web.name)), ['php', '-r', 'echo PHP_VERSION;']).catch(() => undefined) : undefined;
    if (php?.exitCode === 0) phpVersion = php.output.trim();
    const v = await execIn(options.docker.getContainer(containerName(state.project, 'db')), state.plan.database.family === 'postgres' ? ['psql', '-At', '-U', 'postgres', '-c', 'SHOW server_version'] : ['mariadb', '-N', '-B', '-e', 'SELECT VERSION()']).catch(() => undefined);
    if (v?.exitCode === 0) db = { vendor: state.plan.database.family === 'postgres' ? 'postgres' : /mariadb/i.test(v.output) ? 'mariadb' : 'mysql', version: v.output.trim() };
  } else notes.push('No replica runs: PHP and database versions are those of the replica images (PHP 8.2, MariaDB 10.11).');
  return {
    version, plugins: listPlugins(options.codeDir), requirements, phpVersion, db,
    freeBytes: { work: freeBytes(options.workDir), target: freeBytes('/var/lib/docker') ?? freeBytes(options.workDir) },
    workBytesNeeded: options.workBytesNeeded, notes,
  };
}

function freeBytes(dir: string): number | undefined {
  try { const s = fs.statfsSync(dir); return s.bavail * s.bsize; } catch { return undefined; }
}
