/**
 * How a virtual user talks to a real Moodle (the probe app has its own JSON endpoints): the login
 * form's token, and what Moodle's redirects mean. Pure, so it is tested without Moodle.
 */

/** The site administrator `sim up` installs with admin/cli/install_database.php. */
export const REPLICA_ADMIN = { username: 'admin', password: 'Replica-Admin-1', email: 'admin@example.invalid' } as const;

export interface MoodleAccount { username: string; password: string }

/**
 * The accounts the virtual users log in as, one each, made with the install (install-app.ts). Not
 * the admin shared by all: a user's first login sets a user preference (complete_user_login's
 * core_message_migrate_data) by read-then-insert, so N sessions of one new account logging in at
 * the same second collide on its unique key and all but one get "Error writing to database" — a
 * failure a school's students, each with an account of their own, never cause.
 */
export const REPLICA_LOAD_ACCOUNTS: readonly MoodleAccount[] = Array.from({ length: 20 }, (_, i) => ({
  username: `loaduser${String(i + 1).padStart(2, '0')}`, password: 'Replica-Load-1',
}));

/** A light page that needs a login: require_login() sends a lost session to the login page. */
export const MOODLE_PAGE = 'user/profile.php';
export const MOODLE_LOGIN = 'login/index.php';

/** The hidden `logintoken` of login/index.php's form (Moodle rejects a POST without it). */
export function loginToken(html: string): string | undefined {
  for (const input of html.match(/<input\b[^>]*>/gi) ?? []) {
    if (/\bname=["']logintoken["']/i.test(input)) return /\bvalue=["']([^"']*)["']/i.exec(input)?.[1];
  }
  return undefined;
}

/**
 * The login page of a session that is already logged in (a login whose answer was lost, e.g. an error
 * page after authentication succeeded): Moodle shows "You are already logged in as …" instead of the form.
 */
export function alreadyLoggedIn(html: string): boolean {
  return /You are already logged in as /.test(html);
}

/** A successful login redirects to login/index.php?testsession=<userid>; a refused one back to the form. */
export function loginSucceeded(status: number, location: string | null): boolean {
  return status >= 300 && status < 400 && !!location && /[?&]testsession=\d+/.test(location);
}

/** require_login() without a live session: a redirect to the login page. */
export function isLoginRedirect(status: number, location: string | null): boolean {
  return status >= 300 && status < 400 && !!location && /\/login\/index\.php(\?|$)/.test(location) && !/[?&]testsession=/.test(location);
}
