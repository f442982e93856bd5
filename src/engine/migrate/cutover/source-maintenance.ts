import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import type { SshSession } from '../ssh/ssh-session';
import { shellQuote } from '../take/remote-commands';

/** Where the source keeps its code and files, and who may write them. */
export interface SourceSite {
  /** The folder with config.php (and admin/cli/maintenance.php). */
  codeDir: string;
  /** $CFG->dataroot, where climaintenance.html goes. */
  dataroot: string;
  /** The web server's user, who owns moodledata (www-data on Debian and Ubuntu). */
  webUser: string;
  /** The user the SSH session logs in as. */
  sshUser: string;
}

export interface MaintenanceOutcome { on: boolean; output: string }

/**
 * Turns Moodle's CLI maintenance on or off on the source (admin/cli/maintenance.php --enable /
 * --disable, run as the web server's user through `sudo -n`, as Moodle's docs say), then looks for
 * dataroot/climaintenance.html itself: the script does not check its own write (a dataroot that is
 * writable but refuses the file, as on an NFS share that squashes the user, leaves the site open
 * with exit 0), so its word is not taken.
 */
export async function setSourceMaintenance(session: SshSession, site: SourceSite, on: boolean, signal?: AbortSignal): Promise<MaintenanceOutcome> {
  const script = path.posix.join(site.codeDir, 'admin/cli/maintenance.php');
  const php = `php ${shellQuote(script)} ${on ? '--enable' : '--disable'}`;
  const command = site.webUser === site.sshUser ? php : `sudo -n -u ${shellQuote(site.webUser)} ${php}`;
  const ran = await session.run(`cd ${shellQuote(site.codeDir)} && ${command}`, { signal });
  const output = `${ran.stdout}${ran.stderr}`.trim();
  if (ran.code !== 0) throw scriptFailed(site, command, ran.code, output);
  const file = path.posix.join(site.dataroot, 'climaintenance.html');
  const present = await session.run(`test -f ${shellQuote(file)}`, { signal });
  if ((present.code === 0) !== on) {
    throw new MhaError('migrate.maintenance', on
      ? `maintenance.php said the site is in maintenance, but ${file} is not there: the site is still open to users (${lastLine(output)}).`
      : `maintenance.php said maintenance is off, but ${file} is still there: users still get the maintenance page.`, {
      nextStep: on
        ? `Run it as the user that owns ${site.dataroot} (--web-user; now '${site.webUser}'), then run the same command again.`
        : `Remove ${file} on the source as the web server's user, then run the same command again.`,
    });
  }
  return { on, output };
}

function scriptFailed(site: SourceSite, command: string, code: number, output: string): MhaError {
  const sudo = site.webUser !== site.sshUser;
  if (sudo && /a password is required|not allowed to (execute|run)|may not run sudo|not in the sudoers/i.test(output)) {
    return new MhaError('migrate.ssh', `${site.sshUser} may not run PHP as ${site.webUser} without a password on the source (${lastLine(output)}).`, {
      nextStep: `Add a sudoers line on the source (visudo -f /etc/sudoers.d/moodle-migrate): ${site.sshUser} ALL=(${site.webUser}) NOPASSWD: /usr/bin/php — or put the site in maintenance yourself and pass --web-user ${site.sshUser} if ${site.sshUser} owns ${site.dataroot}. Then run the same command again.`,
    });
  }
  if (sudo && /sudo: (command )?not found/.test(output)) {
    return new MhaError('migrate.ssh', `The source has no sudo to run PHP as ${site.webUser}.`, { nextStep: `Install sudo on the source (apt-get install sudo) and allow ${site.sshUser} to run /usr/bin/php as ${site.webUser}, then run the same command again.` });
  }
  if (/dataroot is not writable/.test(output)) {
    return new MhaError('migrate.maintenance', `Moodle refused to run as '${site.webUser}': it cannot write ${site.dataroot} ("${lastLine(output)}"). The site is still open to users.`, {
      nextStep: `Run it as the user that owns ${site.dataroot} (--web-user; on Debian and Ubuntu www-data, on Amazon Linux and RHEL apache), then run the same command again.`,
    });
  }
  if (/Failed opening required .*config\.php|config\.php\): Failed to open stream: Permission denied/.test(output)) {
    return new MhaError('migrate.maintenance', `'${site.webUser}' cannot read ${site.codeDir}/config.php on the source, so Moodle's maintenance script cannot run. The site is still open to users.`, {
      nextStep: `Run it as the web server's user (--web-user), who reads config.php, then run the same command again.`,
    });
  }
  if (/Could not open input file/.test(output)) {
    return new MhaError('migrate.ssh', `${site.codeDir} on the source has no admin/cli/maintenance.php.`, { nextStep: 'Check --code-dir: it must be the folder with Moodle\'s config.php and admin/.' });
  }
  return new MhaError('migrate.ssh', `${command} on the source exited ${code}: ${lastLine(output)}`, { nextStep: 'Fix what it names on the source, then run the same command again.' });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).slice(-2).join(' ') || 'no output';
}
