import { Readable, Writable } from 'node:stream';
import type Docker from 'dockerode';
import { execStream } from './exec-stream';

export interface LoginCheck { username: string; ok: boolean; reason?: string }

/**
 * Whether each user could log in on the target: their row in the restored user table, not deleted,
 * and their password verified by the target's own PHP with password_verify(), which is what Moodle's
 * manual authentication does for bcrypt/argon hashes. The password goes in through stdin, never argv.
 */
export async function checkLogins(web: Docker.Container, prefix: string, logins: Array<{ username: string; password: string }>): Promise<LoginCheck[]> {
  const out: LoginCheck[] = [];
  for (const login of logins) {
    const php = [
      // The node's own config.php, as Moodle reads it (ABORT_AFTER_CONFIG: settings only, no page).
      'define("CLI_SCRIPT", true); define("ABORT_AFTER_CONFIG", true); require "/var/www/moodle/config.php";',
      '$p = rtrim(stream_get_contents(STDIN), "\\n");',
      '$db = new mysqli($CFG->dbhost, $CFG->dbuser, $CFG->dbpass, $CFG->dbname);',
      `$s = $db->prepare("SELECT password, deleted, auth FROM ${prefix.replace(/[^a-z0-9_]/gi, '')}user WHERE username = ?");`,
      '$u = $argv[1]; $s->bind_param("s", $u); $s->execute(); $r = $s->get_result()->fetch_assoc();',
      'if (!$r) { echo "no such user"; exit(3); }',
      'if ($r["deleted"]) { echo "deleted"; exit(4); }',
      'echo password_verify($p, $r["password"]) ? "ok" : "wrong password"; exit(password_verify($p, $r["password"]) ? 0 : 5);',
    ].join(' ');
    const r = await execWithStdin(web, ['php', '-r', php, '--', login.username], `${login.password}\n`);
    out.push({ username: login.username, ok: r.exitCode === 0, reason: r.exitCode === 0 ? undefined : r.output.trim() });
  }
  return out;
}

async function execWithStdin(container: Docker.Container, cmd: string[], input: string) {
  const chunks: Buffer[] = [];
  const stdout = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } });
  const r = await execStream(container, cmd, { input: Readable.from([Buffer.from(input)]), stdout, user: 'www-data' });
  return { exitCode: r.exitCode, output: Buffer.concat(chunks).toString('utf8') + r.stderr };
}
