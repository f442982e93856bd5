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
import { draftArea, privateFilePath, saveRefusal, uploadRefusal } from '../../../../src/engine/sim/moodle/moodle-files';
import { fakeMoodleFiles } from './fake-moodle-files';

/**
 * A stand-in for Moodle's login flow as Moodle 5.0 answers it through the LB: the form with a
 * logintoken, 303 to ?testsession= on success, 303 back to the form when require_login finds no session.
 * As strict as Moodle 5.0 where a shared account decides: an account's first login writes a user
 * preference by read-then-insert (complete_user_login), so a second first login of the same account
 * while one is under way fails with "Error writing to database". Private files as fake-moodle-files.ts.
 * `forgetAtRequest`: every session is gone from the n-th request on (as after a cache that lost them).
 */
function fakeMoodle(options: { forgetAfter?: number; failFirstLogin?: boolean; refuseSaves?: boolean; forgetAtRequest?: number; draftLimit?: { capacity: number; leakPerSecond: number } } = {}) {
  const files = fakeMoodleFiles({ refuseSaves: options.refuseSaves, draftLimit: options.draftLimit });
  let requests = 0;
  const sessions = new Map<string, { token: string; user?: string }>();
  const loggedInBefore = new Set<string>();
  const firstLoginUnderWay = new Set<string>();
  const usernames: string[] = [];
  let seq = 0, profileViews = 0, logins = 0;
  const server = http.createServer((req, res) => {
    if (++requests === options.forgetAtRequest) sessions.clear();
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
    if (files.handle(req, res, session?.user, `k${sid}`)) return;
    res.writeHead(404); res.end();
  });
  return new Promise<{ url: string; usernames: string[]; files: typeof files; close: () => void }>((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, usernames, files, close: () => server.close() });
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
      assert.equal(result.records.filter((r) => r.kind !== 'verify').length - 4, pages.length + result.records.filter((r) => r.kind === 'upload' || r.kind === 'read').length);
      assert.ok(pages.length >= 2 && pages.every((r) => r.status === 200 && r.node === 'web-1'), JSON.stringify(pages));
      assert.equal(result.sessionLosses.length, 0);
    } finally {
      site.close();
    }
  });

  it('reads the draft area, the upload repository and the user context from the private files page as Moodle 5.0 renders it', () => {
    // Attribute order and JSON shape as a real 5.0 site sent them (value before name; the repositories map).
    const page = '<script>M.cfg = {"wwwroot":"http:\\/\\/127.0.0.1:8380","sesskey":"FUEOdvkTdG","sessiontimeout":"28800"};</script>'
      + '<input value="837848080" name="files_filemanager" type="hidden" id="id_files_filemanager_VR8XwLezUSFCfYc" />'
      + '{"itemid":837848080,"context":{"id":11,"contextlevel":30,"instanceid":"3"},"author":"Load User 1","repositories":{"4":{"id":"4","name":"Recent files","type":"recent"},'
      + '"5":{"id":"5","name":"Upload a \\"file\\"","type":"upload","icon":"x"}}';
    const area = draftArea(page);
    assert.deepEqual(area, { itemid: '837848080', sesskey: 'FUEOdvkTdG', repoId: '5', contextId: '11' });
    assert.equal(privateFilePath(area!, 'load 1.bin'), 'pluginfile.php/11/user/private/load%201.bin');
    assert.equal(draftArea(page.replace('"type":"upload"', '"type":"url"')), undefined, 'no upload repository: nowhere to upload to');
    assert.equal(draftArea('<title>Dashboard</title>'), undefined);
  });

  it('takes Moodle\'s 200 answers that say an upload or a save did not happen for what they are', () => {
    assert.equal(uploadRefusal({ url: 'http://x/draftfile.php/11/user/draft/1/a.bin', id: 1, file: 'a.bin' }, 'a.bin'), undefined);
    assert.match(uploadRefusal({ error: 'Your session has most likely timed out.' }, 'a.bin')!, /timed out/);
    assert.match(uploadRefusal({ event: 'fileexists', newfile: { filename: 'a (1).bin' } }, 'a.bin')!, /fileexists/);
    assert.match(uploadRefusal({ url: 'x', file: 'a (1).bin' }, 'a.bin')!, /a \(1\)\.bin instead of a\.bin/);
    assert.match(uploadRefusal('<html>', 'a.bin')!, /JSON/);
    assert.equal(saveRefusal([{ error: false, data: { submitted: true, data: 'null' } }]), undefined);
    assert.equal(saveRefusal([{ error: true, exception: { errorcode: 'servicerequireslogin', message: 'Web service is not available.' } }]), 'session');
    assert.match(saveRefusal([{ error: false, data: { submitted: false, html: '<form>' } }])!, /did not accept/);
    assert.match(saveRefusal({ error: 'x' })!, /JSON list/);
  });

  it('virtual users upload to their private files through the draft area, and each file reads back byte for byte to its owner', async () => {
    const site = await fakeMoodle();
    try {
      const accounts = [{ username: 'loaduser01', password: 'right' }, { username: 'loaduser02', password: 'right' }];
      const result = await new LoadGenerator({ siteUrl: site.url, users: 2, seconds: 60, maxRequests: 60, thinkMs: 5, moodle: { accounts, uploadEveryMs: 0 } }).run();
      assert.deepEqual(result.records.filter((r) => !r.ok), []);
      assert.ok(result.uploads.length >= 4, `uploads acknowledged: ${result.uploads.length}`);
      // Acknowledged means saved: the fake's private files are exactly the acknowledged uploads, content included.
      for (const [user, account] of accounts.entries()) {
        const stored = site.files.privateFiles(account.username);
        const mine = result.uploads.filter((u) => u.user === user);
        assert.equal(stored.size, mine.length, `${account.username}: ${stored.size} stored, ${mine.length} acknowledged`);
        for (const u of mine) assert.ok([...stored.values()].some((b) => b.equals(u.bytes)), `${u.path} stored as uploaded`);
      }
      assert.ok(result.records.some((r) => r.kind === 'read' && r.ok), 'files re-read during the load');
      assert.equal(result.records.filter((r) => r.kind === 'verify').length, result.uploads.length, 'each checked once after the load');
      assert.equal(result.uploadsLost, 0);
    } finally {
      site.close();
    }
  });

  it('uploads at a pace Moodle\'s draft-area limit allows (faster ones are refused: "Your file uploads are temporarily limited")', async () => {
    // A site limit 25 times tighter than Moodle's default (3 areas, one leaking every 0.5 s), so the test takes seconds.
    const draftLimit = { capacity: 3, leakPerSecond: 2 };
    const accounts = [{ username: 'loaduser01', password: 'right' }];
    const fast = await fakeMoodle({ draftLimit });
    try {
      const result = await new LoadGenerator({ siteUrl: fast.url, users: 1, seconds: 60, maxRequests: 60, thinkMs: 5, moodle: { accounts, uploadEveryMs: 0 } }).run();
      const refused = result.records.filter((r) => r.failure === 'refused');
      assert.ok(refused.length > 0 && refused.every((r) => /temporarily limited/.test(r.detail ?? '')), 'the stand-in refuses a pace over its limit, as Moodle does');
    } finally {
      fast.close();
    }
    const paced = await fakeMoodle({ draftLimit });
    try {
      const result = await new LoadGenerator({ siteUrl: paced.url, users: 1, seconds: 4, thinkMs: 5, moodle: { accounts, uploadEveryMs: 600 } }).run();
      assert.deepEqual(result.records.filter((r) => !r.ok), []);
      assert.ok(result.uploads.length >= 4, `uploads acknowledged: ${result.uploads.length}`);
      assert.equal(result.uploadsLost, 0);
    } finally {
      paced.close();
    }
  });

  it('an upload Moodle did not save is a failed request, never an acknowledged upload', async () => {
    const site = await fakeMoodle({ refuseSaves: true });
    try {
      const result = await new LoadGenerator({ siteUrl: site.url, users: 1, seconds: 60, maxRequests: 30, thinkMs: 5, moodle: { accounts: [{ username: 'loaduser01', password: 'right' }], uploadEveryMs: 0 } }).run();
      const failed = result.records.filter((r) => !r.ok);
      assert.ok(failed.length >= 1);
      assert.ok(failed.every((r) => r.kind === 'upload' && r.failure === 'refused' && /did not accept/.test(r.detail ?? '')), JSON.stringify(failed[0]));
      assert.equal(result.uploads.length, 0);
    } finally {
      site.close();
    }
  });

  it('the upload check after the load logs in again as each file\'s owner when the sessions are gone', async () => {
    // 40 requests of load, then every session is lost at the first request of the check.
    const site = await fakeMoodle({ forgetAtRequest: 41 });
    try {
      const accounts = [{ username: 'loaduser01', password: 'right' }];
      const result = await new LoadGenerator({ siteUrl: site.url, users: 1, seconds: 60, maxRequests: 40, thinkMs: 5, moodle: { accounts, uploadEveryMs: 0 } }).run();
      assert.ok(result.uploads.length >= 2);
      assert.equal(result.uploadsLost, 0, 'a lost session is not a lost file');
      const check = result.records.filter((r) => r.kind === 'verify');
      // The first read is sent to the login page; the check logs in (form, POST) and reads every file.
      assert.deepEqual(check.slice(0, 3).map((r) => r.status), [303, 200, 303]);
      assert.equal(check.length, result.uploads.length + 3, JSON.stringify(check.map((r) => r.status)));
    } finally {
      site.close();
    }
  });

  it('counts a redirect to the login page as a lost session, then logs in again', async () => {
    const site = await fakeMoodle({ forgetAfter: 3 });
    try {
      // 12 requests and more: login (2), 2 pages, an upload (3), the 3rd page finds the session gone, login again (2), …
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
