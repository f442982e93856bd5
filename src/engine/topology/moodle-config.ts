/**
 * The Moodle config.php a template writes in user data: the lines that set `$CFG->...`, and a
 * reader for single settings. Values stay as PHP source text (`'\core\session\redis'`, `true`).
 */
export function extractMoodleConfig(script: string | undefined): string | undefined {
  if (!script || !script.includes('$CFG->')) return undefined;
  const lines = script.split('\n').filter((l) => l.includes('$CFG->'));
  return lines.map((l) => l.trim()).join('\n');
}

/** The PHP source of `$CFG->name = value;`, or undefined when the config does not set it. */
export function moodleSetting(config: string, name: string): string | undefined {
  const m = config.match(new RegExp(String.raw`\$CFG->${name}\s*=\s*(.+?);\s*(?:$|//|#)`, 'm'));
  return m?.[1].trim();
}

export type SessionHandler = 'redis' | 'memcached' | 'database' | 'file' | 'other';

/** Unset means Moodle's default: file sessions in dataroot. */
export function sessionHandler(config: string): SessionHandler {
  const value = moodleSetting(config, 'session_handler_class');
  if (!value) return 'file';
  const m = value.match(/session\\+(\w+)/);
  const name = m?.[1];
  return name === 'redis' || name === 'memcached' || name === 'database' || name === 'file' ? name : 'other';
}
