import type * as http from 'node:http';
import { randomInt } from 'node:crypto';

/**
 * A stand-in for Moodle 5.0's private files as a browser reaches them, with the answers a real 5.0
 * site gave (read by hand, see moodle-files.ts): user/files.php hands out a fresh draft area holding a
 * copy of the private files; repository_ajax.php stores into a draft only with the session's
 * sesskey and the upload repository (any other answers 200 with an error, a taken name with
 * `fileexists`); the dynamic form's save replaces the private files with the draft's contents (a
 * file not in the draft is deleted, as file_save_draft_area_files does); pluginfile.php serves a
 * private file to its owner only. Uploads are limited per user by Moodle's leaky bucket of draft
 * areas (`draftLimit`: file_is_draft_areas_limit_reached, 50 areas, one leaking every 5 s unless the
 * site's config says otherwise). Used where real Moodle cannot run (CI).
 */
export interface FakeFiles {
  /** Handles the request if it is one of the four; false otherwise. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, user: string | undefined, sesskey: string): boolean;
  /** The private files of a user: name → content. */
  privateFiles(user: string): Map<string, Buffer>;
}

const UPLOAD_REPO = '5';

export function fakeMoodleFiles(options: { refuseSaves?: boolean; draftLimit?: { capacity: number; leakPerSecond: number } } = {}): FakeFiles {
  const limit = options.draftLimit ?? { capacity: 50, leakPerSecond: 0.2 };
  const users = new Map<string, { context: number; files: Map<string, Buffer>; drafts: Map<string, Map<string, Buffer>>; draftTimes: Map<string, number> }>();
  const account = (user: string) => {
    if (!users.has(user)) users.set(user, { context: 10 + users.size, files: new Map(), drafts: new Map(), draftTimes: new Map() });
    return users.get(user)!;
  };
  /** Moodle's leaky bucket over the user's draft areas that hold files, by their last change (seconds). */
  const draftLimitReached = (times: Map<string, number>): boolean => {
    const now = Date.now() / 1000;
    const since = now - Math.floor(limit.capacity / limit.leakPerSecond);
    const bucket: number[] = [];
    for (const t of [...times.values()].filter((v) => v > since).sort((a, b) => a - b)) {
      while (bucket.length && t >= bucket[0]) bucket.shift();
      bucket.push(Math.max(bucket[bucket.length - 1] ?? t, t) + 1 / limit.leakPerSecond);
    }
    while (bucket.length && now >= bucket[0]) bucket.shift();
    return bucket.length >= limit.capacity;
  };
  const json = (res: http.ServerResponse, body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  const toLogin = (res: http.ServerResponse) => { res.writeHead(303, { location: 'http://127.0.0.1/login/index.php' }); res.end(); };
  const body = (req: http.IncomingMessage) => new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

  function filesPage(res: http.ServerResponse, user: string, sesskey: string): void {
    const me = account(user);
    const itemid = String(randomInt(100_000_000, 999_999_999));
    me.drafts.set(itemid, new Map(me.files));
    if (me.files.size) me.draftTimes.set(itemid, Date.now() / 1000);
    res.writeHead(200, { 'content-type': 'text/html', 'x-upstream': 'web-1' });
    res.end(`<script>M.cfg = {"wwwroot":"http:\\/\\/127.0.0.1","sesskey":"${sesskey}"};</script>`
      + `<input value="${itemid}" name="files_filemanager" type="hidden" id="id_files_filemanager_x" />`
      + `<script>M.form_filemanager.init(Y, {"itemid":${itemid},"context":{"id":${me.context},"contextlevel":30},`
      + `"repositories":{"4":{"id":"4","name":"Recent files","type":"recent"},"5":{"id":"5","name":"Upload a file","type":"upload"}}});</script>`);
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, user: string | undefined, sesskey: string): Promise<void> {
    const form = await new Response(await body(req), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData().catch(() => undefined);
    if (!user) return json(res, { error: 'You are not logged in.' });
    if (!form || form.get('sesskey') !== sesskey) return json(res, { error: 'Your session has most likely timed out. Please check if you are logged in or go back to the previous screen and reload the page.' });
    if (form.get('repo_id') !== UPLOAD_REPO) return json(res, { error: 'Exception - Call to undefined method repository_recent::upload()', errorcode: 'generalexceptionmessage' });
    const file = form.get('repo_upload_file');
    if (!(file instanceof Blob)) return json(res, { error: 'No files attached' });
    const itemid = String(form.get('itemid') ?? '0');
    const name = String(form.get('title') || (file as File).name);
    const me = account(user);
    const draft = me.drafts.get(itemid) ?? new Map<string, Buffer>();
    me.drafts.set(itemid, draft);
    if (draft.has(name)) return json(res, { event: 'fileexists', existingfile: { filename: name } });
    if (draftLimitReached(me.draftTimes)) return json(res, { error: 'Your file uploads are temporarily limited after you uploaded a high volume of files. Please wait then try again.', errorcode: 'maxdraftitemids' });
    draft.set(name, Buffer.from(await file.arrayBuffer()));
    me.draftTimes.set(itemid, Date.now() / 1000);
    json(res, { url: `http://127.0.0.1/draftfile.php/${me.context}/user/draft/${itemid}/${name}`, id: Number(itemid), file: name });
  }

  async function save(req: http.IncomingMessage, res: http.ServerResponse, url: URL, user: string | undefined, sesskey: string): Promise<void> {
    const calls = JSON.parse((await body(req)).toString('utf8')) as Array<{ methodname: string; args: { form: string; formdata: string } }>;
    if (!user) return json(res, [{ error: true, exception: { message: 'Web service is not available. (The session has been logged out or has expired.)', errorcode: 'servicerequireslogin' } }]);
    if (url.searchParams.get('sesskey') !== sesskey) return json(res, [{ error: true, exception: { message: 'Invalid sesskey', errorcode: 'invalidsesskey' } }]);
    const call = calls[0];
    const data = new URLSearchParams(call?.args.formdata ?? '');
    const valid = call?.methodname === 'core_form_dynamic_form' && call.args.form === 'core_user\\form\\private_files'
      && data.get('_qf__core_user_form_private_files') === '1' && data.get('sesskey') === sesskey;
    if (!valid || options.refuseSaves) return json(res, [{ error: false, data: { submitted: false, html: '<form></form>' } }]);
    const me = account(user);
    // file_save_draft_area_files: the private files become exactly the draft's (an unknown draft is an empty one).
    me.files = new Map(me.drafts.get(data.get('files_filemanager') ?? '') ?? []);
    json(res, [{ error: false, data: { submitted: true, data: 'null' } }]);
  }

  function serve(res: http.ServerResponse, url: URL, user: string): void {
    const [, context, component, area, name] = /^\/pluginfile\.php\/(\d+)\/(\w+)\/(\w+)\/([^/]+)$/.exec(url.pathname) ?? [];
    const me = account(user);
    const file = component === 'user' && area === 'private' && Number(context) === me.context ? me.files.get(decodeURIComponent(name)) : undefined;
    if (!file) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<p class="errormessage">Sorry, the requested file could not be found</p>'); return; }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"`, 'x-upstream': 'web-2' });
    res.end(file);
  }

  return {
    handle(req, res, user, sesskey) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/user/files.php') { if (user) filesPage(res, user, sesskey); else toLogin(res); return true; }
      if (url.pathname === '/repository/repository_ajax.php' && req.method === 'POST' && url.searchParams.get('action') === 'upload') { void upload(req, res, user, sesskey); return true; }
      if (url.pathname === '/lib/ajax/service.php' && req.method === 'POST') { void save(req, res, url, user, sesskey); return true; }
      if (url.pathname.startsWith('/pluginfile.php/')) { if (user) serve(res, url, user); else toLogin(res); return true; }
      return false;
    },
    privateFiles: (user) => account(user).files,
  };
}
