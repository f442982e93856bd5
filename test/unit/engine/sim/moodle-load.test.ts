import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPLICA_LOAD_ACCOUNTS, alreadyLoggedIn, isLoginRedirect, loginSucceeded, loginToken } from '../../../../src/engine/sim/moodle/moodle-login';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../../src/engine/sim/plan/topology-source';
import { LoadGenerator, htmlMessage } from '../../../../src/engine/sim/drills/load-generator';
import { installCommands } from '../../../../src/engine/sim/replica/install-app';
import { rollingDeployDrill } from '../../../../src/engine/sim/drills/rolling-deploy-drill';
import type { DrillEnv } from '../../../../src/engine/sim/drills/drill';

/**
 * A stand-in for Moodle's login flow as Moodle 5.0 answers it through the LB: the form with a
 * logintoken, 303 to ?testsession= on success, 303 back to the form when require_login finds no session.
 * As strict as Moodle 5.0 where a shared account decides: an account's first login writes a user
 * preference by read-then-insert (complete_user_login), so a second first login of the same account
 * while one is under way fails with "Error writing to database".
 */
function fakeMoodle(options: { forgetAfter?: number; failFirstLogin?: boolean } = {}) {
  const sessions = new Map<string, { token: string; user?: string }>();
  const loggedInBefore = new Set<string>();
  const firstLoginUnderWay = new Set<string>();
  const usernames: string[] = [];
  let seq = 0, profileViews = 0, logins = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const sid = /MoodleSession=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const session = sid ? sessions.get(sid) : undefined;
    const newSession = (user?: string) => {
      const id = `s${++seq}`;
      sessions.set(id, { token: `t${seq}`, user });
      res.setHeader('set-cookie', `MoodleSession=${id}; path=/; HttpOnly`);
      return sessions.get(id)!;
    };
    const redirect = (to: string) => { res.writeHead(303, { location: `http://127.0.0.1/${to}` }); res.end(); };
    if (url.pathname === '/login/index.php' && req.method === 'GET') {
      const s = session ?? newSession();
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(s.user ? '<p>You are already logged in as Admin User, you need to log out before logging in as different user.</p>' : `<form><input type="hidden" name="logintoken" value="${s.token}"><input name="username"></form>`);
      return;
    }
    if (url.pathname === '/login/index.php' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const username = form.get('username') ?? '';
        if (!session || form.get('logintoken') !== session.token || form.get('password') !== 'right') return redirect('login/index.php');
        usernames.push(username);
        if (firstLoginUnderWay.has(username)) { res.writeHead(500, { 'content-type': 'text/html' }); res.end('<p class="errormessage">Error writing to database</p>'); return; }
        sessions.delete(sid!);
        newSession(username);
        const first = !loggedInBefore.has(username);
        if (first) firstLoginUnderWay.add(username);
        setTimeout(() => {
          firstLoginUnderWay.delete(username);
          loggedInBefore.add(username);
        // As Moodle did on a fresh site: authenticated, then an error page ("Key already exists").
          if (options.failFirstLogin && ++logins === 1) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<p class="errormessage">Key already exists</p>'); return; }
          redirect('login/index.php?testsession=2');
        }, first ? 50 : 0);
      });
      return;
    }
    if (url.pathname === '/user/profile.php') {
      profileViews++;
      if (options.forgetAfter && profileViews === options.forgetAfter) sessions.clear();
      if (!sessions.get(sid ?? '')?.user) return redirect('login/index.php');
      res.writeHead(200, { 'content-type': 'text/html', 'x-upstream': 'web-1' });
      res.end('<title>Admin User: Public profile</title>');
      return;
    }
    res.writeHead(404); res.end();
  });
  return new Promise<{ url: string; usernames: string[]; close: () => void }>((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, usernames, close: () => server.close() });
  }));
}

describe('sim/real Moodle load', () => {
  it('reads the login form token and what Moodle\'s redirects mean', () => {
    assert.equal(loginToken('<input type="hidden" name="logintoken" value="abc123">'), 'abc123');
    assert.equal(loginToken('<input value="x" type="hidden" name=\'logintoken\'>'), 'x');
    assert.equal(loginToken('<p>You are already logged in</p>'), undefined);
    assert.ok(loginSucceeded(303, 'http://127.0.0.1:8380/login/index.php?testsession=2'));
    assert.ok(!loginSucceeded(303, 'http://127.0.0.1:8380/login/index.php?loginredirect=1'));
    assert.ok(!loginSucceeded(200, null));
    assert.ok(isLoginRedirect(303, 'http://127.0.0.1:8380/login/index.php'));
    assert.ok(!isLoginRedirect(303, 'http://127.0.0.1:8380/login/index.php?testsession=2'));
    assert.ok(!isLoginRedirect(200, null));
    assert.ok(alreadyLoggedIn('<p>You are already logged in as Admin User, you need to log out before logging in as different user.</p>'));
    assert.ok(!alreadyLoggedIn('<input type="hidden" name="logintoken" value="abc123">'));
  });

  it('installs Moodle with the replica admin, then makes the encryption key once (no first-use race between nodes)', () => {
    const moodle = installCommands(planReplica(emptyTopology(), { moodle: { dir: '/m', publicDir: false } }));
    assert.deepEqual(moodle.map((c) => c[1]), ['/var/www/moodle/admin/cli/install_database.php', '/var/www/moodle/admin/cli/generate_key.php', '-r']);
    assert.ok(moodle[0].includes('--agree-license') && moodle[0].includes('--adminuser=admin'));
    const moodle51 = installCommands(planReplica(emptyTopology(), { moodle: { dir: '/m', publicDir: true } }));
    assert.equal(moodle51[1][1], '/var/www/moodle/public/admin/cli/generate_key.php');
    assert.deepEqual(installCommands(planReplica(emptyTopology())), [['php', '/var/www/moodle/admin/cli/install_database.php', '--agree-license', '--adminpass=Replica-Admin-1']]);
  });

  it('makes one account per virtual user with the install, through Moodle\'s user_create_user, leaving existing ones alone', () => {
    const commands = installCommands(planReplica(emptyTopology(), { moodle: { dir: '/m', publicDir: false } }));
    const [php, flag, code] = commands[2];
    assert.deepEqual([php, flag], ['php', '-r']);
    assert.match(code, /require '\/var\/www\/moodle\/config\.php';/);
    assert.match(code, /record_exists\('user'[^)]*\)\) \{ continue; \}/);
    assert.match(code, /user_create_user\(/);
    const listed = JSON.parse(/json_decode\('([^']*)'\)/.exec(code)![1]) as Array<{ username: string }>;
    assert.deepEqual(listed.map((a) => a.username), REPLICA_LOAD_ACCOUNTS.map((a) => a.username));
    assert.equal(new Set(listed.map((a) => a.username)).size, 20, 'as many distinct accounts as the load has users at most');
  });

  it('shows an HTML error page by its message, not its first bytes', () => {
    assert.equal(htmlMessage('<html><head><title>Error</title></head><p class="errormessage">Error reading from <b>database</b></p>'), 'Error reading from database');
    assert.equal(htmlMessage('<html><head><title>502 Bad Gateway</title></head></html>'), '502 Bad Gateway');
    assert.equal(htmlMessage('<p class="errormessage">Access denied for user &#039;moodle&#039;@&#039;10.0.0.1&#039; &amp; more</p>'), "Access denied for user 'moodle'@'10.0.0.1' & more");
    assert.equal(htmlMessage('plain'), 'plain');
  });

  it('virtual users log in through the form, each with an account of its own (first logins of one account at once collide), and view a page that needs the login', async () => {
    const site = await fakeMoodle();
    try {
      // Bounded by count, not by time: the load ends after 12 requests (the 60 s are only a ceiling),
      // so a slow machine makes the test slower, never different.
      const accounts = [{ username: 'loaduser01', password: 'right' }, { username: 'loaduser02', password: 'right' }];
      const result = await new LoadGenerator({ siteUrl: site.url, users: 2, seconds: 60, maxRequests: 12, thinkMs: 5, moodle: { accounts } }).run();
      const failed = result.records.filter((r) => !r.ok);
      assert.deepEqual(failed, []);
      assert.deepEqual([...site.usernames].sort(), ['loaduser01', 'loaduser02']);
      for (const user of [0, 1]) assert.equal(result.records.filter((r) => r.kind === 'login' && r.user === user).length, 2, `form + POST for user ${user}`);
      // Everything after the 4 login requests is a page the login opened (the fake answers 200 only to a logged-in session).
      const pages = result.records.filter((r) => r.kind === 'page');
      assert.ok(result.records.length >= 12, `the load ran to its request count (${result.records.length})`);
      assert.equal(pages.length, result.records.length - 4);
      assert.ok(pages.every((r) => r.status === 200 && r.node === 'web-1'), JSON.stringify(pages));
      assert.equal(result.sessionLosses.length, 0);
      assert.equal(result.uploads.length, 0);
    } finally {
      site.close();
    }
  });

  it('counts a redirect to the login page as a lost session, then logs in again', async () => {
    const site = await fakeMoodle({ forgetAfter: 5 });
    try {
      // 12 requests: login (2), 4 pages, the 5th finds the session gone, login again (2), 3 pages.
      const result = await new LoadGenerator({ siteUrl: site.url, users: 1, seconds: 60, maxRequests: 12, thinkMs: 5, moodle: { accounts: [{ username: 'admin', password: 'right' }] } }).run();
      assert.equal(result.sessionLosses.length, 1);
      assert.equal(result.records.filter((r) => r.kind === 'login').length, 4);
      assert.deepEqual(result.records.filter((r) => !r.ok), []);
    } finally {
      site.close();
    }
  });

  it('carries on as logged in when the answer to a successful login was an error page', async () => {
    const site = await fakeMoodle({ failFirstLogin: true });
    try {
      const result = await new LoadGenerator({ siteUrl: site.url, users: 1, seconds: 60, maxRequests: 12, thinkMs: 5, moodle: { accounts: [{ username: 'admin', password: 'right' }] } }).run();
      const failed = result.records.filter((r) => !r.ok);
      assert.equal(failed.length, 1, JSON.stringify(failed));
      assert.equal(failed[0].detail, 'Key already exists');
      assert.ok(result.records.filter((r) => r.kind === 'page' && r.ok).length > 2, 'page views after the lost answer');
      assert.equal(result.sessionLosses.length, 0);
    } finally {
      site.close();
    }
  });

  it('refuses rolling-deploy-broken on real Moodle instead of "deploying" the same code', async () => {
    const plan = planReplica(emptyTopology(), { moodle: { dir: '/m', publicDir: false } });
    const env = { state: { plan }, at: async () => assert.fail('must refuse before the deploy starts') } as unknown as DrillEnv;
    await assert.rejects(rollingDeployDrill({ broken: true }).act(env), (e: { code?: string; message: string }) => e.code === 'usage' && /probe app/.test(e.message));
  });

  it('reports a refused login as a failure, not as success', async () => {
    const site = await fakeMoodle();
    try {
      const result = await new LoadGenerator({ siteUrl: site.url, users: 1, seconds: 60, maxRequests: 6, thinkMs: 50, moodle: { accounts: [{ username: 'admin', password: 'wrong' }] } }).run();
      const failed = result.records.filter((r) => !r.ok);
      assert.ok(failed.length > 0);
      assert.ok(failed.every((r) => r.failure === 'login' && /refused/.test(r.detail ?? '')), JSON.stringify(failed[0]));
      assert.equal(result.records.filter((r) => r.kind === 'page').length, 0);
    } finally {
      site.close();
    }
  });
});
