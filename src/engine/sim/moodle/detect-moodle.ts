import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';

/** A Moodle checkout: version.php with $release, and the CLI installer; 5.1+ keeps web files in public/. */
export async function inspectMoodleDir(dir: string): Promise<{ dir: string; publicDir: boolean; release: string }> {
  const full = path.resolve(dir);
  const notMoodle = (why: string) => new MhaError('sim.moodle', `'${dir}' is not a Moodle checkout: ${why}.`, {
    nextStep: 'Point --moodle at the folder that contains version.php and admin/cli/ (git clone https://github.com/moodle/moodle), or leave it out to use the probe app.',
  });
  const stat = await fs.stat(full).catch(() => undefined);
  if (!stat?.isDirectory()) throw notMoodle('no such folder');
  const publicDir = !!(await fs.stat(path.join(full, 'public')).catch(() => undefined))?.isDirectory();
  let versionText = '';
  for (const candidate of ['version.php', 'public/version.php']) {
    versionText = await fs.readFile(path.join(full, candidate), 'utf8').catch(() => '');
    if (versionText) break;
  }
  const release = /\$release\s*=\s*'([^']+)'/.exec(versionText)?.[1];
  if (!release) throw notMoodle('no version.php with a $release');
  const cli = publicDir ? 'public/admin/cli/install_database.php' : 'admin/cli/install_database.php';
  const hasCli = await fs.stat(path.join(full, cli)).then(() => true, () => fs.stat(path.join(full, 'admin/cli/install_database.php')).then(() => true, () => false));
  if (!hasCli) throw notMoodle(`no ${cli}`);
  return { dir: full, publicDir, release };
}
