import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import { parseConfigPhp, parseVersionPhp, redactConfigPhp, type ConfigSecrets, type ConfigSettings, type MoodleVersion } from '../php-config';

/** Moodle 5.1+ keeps the web files under public/, but version.php and config.php stay at the top. */
export function readVersion(codeDir: string): MoodleVersion {
  const file = path.join(codeDir, 'version.php');
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch {
    throw new MhaError('migrate.input', `${codeDir} has no version.php: it is not a Moodle code folder.`, { nextStep: 'Give the folder that holds config.php and version.php (e.g. /var/www/moodle).' });
  }
  try { return parseVersionPhp(text); } catch (error) {
    throw new MhaError('migrate.input', `${file}: ${(error as Error).message}`, { nextStep: 'Give the Moodle code folder the site runs from.' });
  }
}

/** Parses config.php text; writes the copy without secrets into the work folder. */
export function readConfig(text: string, redactedFile: string): ConfigSettings & { secrets: ConfigSecrets } {
  const parsed = parseConfigPhp(text);
  if (!parsed.settings.dbtype || !parsed.settings.dataroot) {
    throw new MhaError('migrate.input', 'config.php sets no $CFG->dbtype or $CFG->dataroot: it is not a working Moodle config.php.', { nextStep: 'Give the config.php the running site uses.' });
  }
  fs.writeFileSync(redactedFile, redactConfigPhp(text), { mode: 0o600 });
  return parsed;
}
