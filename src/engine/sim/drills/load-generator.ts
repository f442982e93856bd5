import { createHash, randomBytes } from 'node:crypto';
import { delay } from '../../common/cancellation';
import type { RequestKind, RequestRecord } from './drill-report';
import { MOODLE_LOGIN, MOODLE_PAGE, alreadyLoggedIn, isLoginRedirect, loginSucceeded, loginToken, type MoodleAccount } from '../moodle/moodle-login';
import { MOODLE_FILES_PAGE, MOODLE_UPLOAD, draftArea, privateFilePath, saveDraftRequest, saveRefusal, uploadForm, uploadRefusal } from '../moodle/moodle-files';

/**
 * Virtual users against the LB on 127.0.0.1 only: each logs in with its own session cookie, then
 * loops page views (session check + DB write), uploads and re-reads. Bounded in time, users and requests.
 * Against real Moodle (`moodle` set) a user logs in through login/index.php, views a page that
 * needs the login, and uploads to its private files the way the file picker does (moodle-files.ts),
 * reading them back through pluginfile.php.
 */
/**
 * How long a virtual user waits for an answer: as long as an ALB does by default (idle timeout
 * 60 s; browsers wait longer still). A shorter client-side cut-off would turn a page that comes
 * late (a user waiting on a session lock) into a failure no real user sees; such waits are
 * reported as stalls instead (drill-report STALL_MS). Moodle's own limits decide the rest: its
 * lock acquire timeout answers with an error page well before this.
 */
export const USER_PATIENCE_MS = 60_000;

/** The longest load of any drill, in seconds (one whose length follows its action's). */
export const LOAD_LIMIT_SECONDS = 1800;

/**
 * How often a virtual user uploads to Moodle. Moodle limits each user's new draft areas with a leaky
 * bucket (filelib.php file_is_draft_areas_limit_reached: 50 at once, one leaking every 5 s by
 * default); every visit to the private files page makes one, so a faster pace is refused after a
 * while with "Your file uploads are temporarily limited" (seen at 25 s with one every ~1.3 s),
 * a failure of the load, not of the stack. One in 6 s stays under it however long the drill.
 */
export const MOODLE_UPLOAD_EVERY_MS = 6_000;

/** How long the upload check waits, in all, for a site in maintenance mode to open again. */
const MAINTENANCE_WAIT_MS = 120_000;

/** One read of the upload check. */
const VERIFY_TIMEOUT_MS = 10_000;

export interface LoadOptions {
  siteUrl: string;
  users: number;
  seconds: number;
  maxRequests?: number;
  thinkMs?: number;
  /**
   * Probe only: how long each page holds its session (and so its session lock), as a Moodle page does
   * for its whole render (whoami.php?hold=). 0: the probe's page returns at once.
   */
  pageHoldSeconds?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Real Moodle: the accounts the virtual users log in as, user i as accounts[i] (wrapping round if
   * fewer), and how often each uploads (MOODLE_UPLOAD_EVERY_MS unless the site's limit is another).
   */
  moodle?: { accounts: readonly MoodleAccount[]; uploadEveryMs?: number };
}

/** An acknowledged upload: who owns it, its content, and where it reads back from. */
export interface Upload { user: number; hash: string; bytes: Buffer; path: string }

export interface LoadResult {
  records: RequestRecord[];
  sessionLosses: number[];
  uploads: Upload[];
  uploadsLost: number;
  lastNode?: string;
}

export class LoadGenerator {
  readonly records: RequestRecord[] = [];
  readonly sessionLosses: number[] = [];
  readonly uploads: Upload[] = [];
  lastNode?: string;
  /** Each virtual user's session: against Moodle a private file reads back to its owner only. */
  private readonly jars = new Map<number, { cookie: string }>();
  private uploadSeq = 0;
  readonly startedAtMs = Date.now();
  private readonly t0 = this.startedAtMs;
  private stopped = false;
  private until: number;

  constructor(private readonly options: LoadOptions) {
    const url = new URL(options.siteUrl);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('load is only ever sent to 127.0.0.1');
    this.until = this.t0 + Math.min(Math.max(1, options.seconds), LOAD_LIMIT_SECONDS) * 1000;
  }

  now(): number { return Date.now() - this.t0; }

  async run(): Promise<LoadResult> {
    const users = Math.min(Math.max(1, this.options.users), 20);
    await Promise.all(Array.from({ length: users }, (_, i) => this.user(i)));
    const uploadsLost = await this.verifyUploads();
    return { records: this.records, sessionLosses: this.sessionLosses, uploads: this.uploads, uploadsLost, lastNode: this.lastNode };
  }

  stop(): void { this.stopped = true; }

  /** Moves the load's end (ms after its start; never past LOAD_LIMIT_SECONDS): an open-ended load is given its end once known. */
  endAt(msFromStart: number): void {
    this.until = this.t0 + Math.min(Math.max(0, msFromStart), LOAD_LIMIT_SECONDS * 1000);
  }

  /** The load's window in seconds from its start (where it ends or is planned to). */
  windowSeconds(): number { return (this.until - this.t0) / 1000; }

  private done(): boolean {
    return this.stopped || Date.now() >= this.until || !!this.options.signal?.aborted || this.records.length >= (this.options.maxRequests ?? 50_000);
  }

  private async user(id: number): Promise<void> {
    const accounts = this.options.moodle?.accounts;
    if (accounts?.length) return this.moodleUser(id, accounts[id % accounts.length]);
    const jar = { cookie: '' };
    let loggedIn = false;
    let iteration = 0;
    const mine: Upload[] = [];
    while (!this.done()) {
      iteration++;
      if (!loggedIn) {
        const r = await this.request(id, 'login', 'login.php', jar, { method: 'POST', body: new URLSearchParams({ user: `vu${id}` }) });
        loggedIn = r.ok;
      } else {
        const hold = this.options.pageHoldSeconds ?? 0;
        const r = await this.request(id, 'page', hold > 0 ? `whoami.php?hold=${hold}` : 'whoami.php', jar);
        if (r.ok) {
          const body = r.json as { loggedIn?: boolean } | undefined;
          if (body && body.loggedIn === false) { this.sessionLosses.push(this.now()); loggedIn = false; }
        }
        if (loggedIn && iteration % 4 === 0) {
          const bytes = randomBytes(1024 + Math.floor(Math.random() * 8192));
          const up = await this.request(id, 'upload', 'upload.php', jar, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
          const hash = sha1(bytes);
          if (up.ok && (up.json as { hash?: string } | undefined)?.hash === hash) { const u = { user: id, hash, bytes, path: `file.php?hash=${hash}` }; mine.push(u); this.uploads.push(u); }
        } else if (mine.length && iteration % 4 === 2) {
          const pick = mine[Math.floor(Math.random() * mine.length)];
          await this.read(id, 'read', pick, jar);
        }
      }
      await delay(this.options.thinkMs ?? 40).catch(() => undefined);
    }
  }

  /** Against Moodle: log in, then page views with an upload every MOODLE_UPLOAD_EVERY_MS and a re-read of one every 4th turn. */
  private async moodleUser(id: number, account: MoodleAccount): Promise<void> {
    const jar = { cookie: '' };
    this.jars.set(id, jar);
    let loggedIn = false;
    let iteration = 0;
    let nextUpload = 0;
    const mine: Upload[] = [];
    while (!this.done()) {
      iteration++;
      if (!loggedIn) {
        loggedIn = await this.moodleLogin(id, jar, account);
      } else if (mine.length && iteration % 4 === 2) {
        if (await this.read(id, 'read', mine[Math.floor(Math.random() * mine.length)], jar) === 'session') { this.sessionLosses.push(this.now()); loggedIn = false; }
      } else if (this.now() >= nextUpload) {
        nextUpload = this.now() + (this.options.moodle?.uploadEveryMs ?? MOODLE_UPLOAD_EVERY_MS);
        loggedIn = await this.moodleUpload(id, jar, mine);
      } else {
        const r = await this.request(id, 'page', MOODLE_PAGE, jar, undefined, false, true);
        if (r.ok && isLoginRedirect(r.record.status, r.location)) { this.sessionLosses.push(this.now()); loggedIn = false; }
        else if (r.ok && r.record.status !== 200) unexpectedRedirect(r.record, r.location);
      }
      await delay(this.options.thinkMs ?? 40).catch(() => undefined);
    }
  }

  /**
   * One file into the user's private files as a browser puts it there: the page's draft area, the
   * upload repository, the form's save. Acknowledged only once saved; a step Moodle refuses is a
   * failed request. Returns whether the user is still logged in.
   */
  private async moodleUpload(id: number, jar: { cookie: string }, mine: Upload[]): Promise<boolean> {
    const page = await this.request(id, 'upload', MOODLE_FILES_PAGE, jar, undefined, false, true);
    if (!page.ok) return true;
    if (isLoginRedirect(page.record.status, page.location)) { this.sessionLosses.push(this.now()); return false; }
    if (page.record.status !== 200) { unexpectedRedirect(page.record, page.location); return true; }
    const area = draftArea(page.text ?? '');
    if (!area) { refused(page.record, `no file manager with an upload repository on ${MOODLE_FILES_PAGE}`); return true; }
    const bytes = randomBytes(1024 + Math.floor(Math.random() * 8192));
    const filename = `load-${id + 1}-${++this.uploadSeq}-${randomBytes(3).toString('hex')}.bin`;
    const up = await this.request(id, 'upload', MOODLE_UPLOAD, jar, { method: 'POST', body: uploadForm(area, filename, bytes) });
    if (!up.ok) return true;
    const notStored = uploadRefusal(up.json, filename);
    if (notStored) { refused(up.record, notStored); return true; }
    const save = saveDraftRequest(area);
    const saved = await this.request(id, 'upload', save.path, jar, save.init);
    if (!saved.ok) return true;
    const notSaved = saveRefusal(saved.json);
    if (notSaved === 'session') { this.sessionLosses.push(this.now()); return false; }
    if (notSaved) { refused(saved.record, notSaved); return true; }
    const upload = { user: id, hash: sha1(bytes), bytes, path: privateFilePath(area, filename) };
    mine.push(upload);
    this.uploads.push(upload);
    return true;
  }

  /** The form (for its logintoken and a session), then the POST; success is the testsession redirect. */
  private async moodleLogin(id: number, jar: { cookie: string }, account: MoodleAccount, kind: RequestKind = 'login'): Promise<boolean> {
    const form = await this.request(id, kind, MOODLE_LOGIN, jar);
    if (!form.ok) return false;
    if (alreadyLoggedIn(form.text ?? '')) return true;
    const token = loginToken(form.text ?? '');
    const post = await this.request(id, kind, MOODLE_LOGIN, jar, {
      method: 'POST', body: new URLSearchParams({ username: account.username, password: account.password, logintoken: token ?? '' }),
    }, false, true);
    if (!post.ok) return false;
    if (!loginSucceeded(post.record.status, post.location)) {
      post.record.ok = false;
      post.record.failure = 'login';
      post.record.detail = token ? `Moodle refused the login (redirected to ${post.location})` : 'no logintoken in the login form';
      return false;
    }
    return true;
  }

  /** Reads an upload back; `session`: Moodle sent the reader to its login page (the file is not judged). */
  private async read(user: number, kind: RequestKind, upload: Upload, jar: { cookie: string }): Promise<'ok' | 'maintenance' | 'failed' | 'session'> {
    const moodle = !!this.options.moodle;
    const r = await this.request(user, kind, upload.path, jar, undefined, true, moodle);
    if (!r.ok) return r.record.maintenance ? 'maintenance' : 'failed';
    if (moodle && isLoginRedirect(r.record.status, r.location)) return 'session';
    if (r.record.status !== 200) { unexpectedRedirect(r.record, r.location); return 'failed'; }
    if (!r.body || sha1(r.body) !== upload.hash) { r.record.ok = false; r.record.failure = 'corrupt'; return 'failed'; }
    return 'ok';
  }

  /**
   * After the load: every acknowledged upload must still read back byte for byte. A drill's last
   * step (an upgrade in maintenance mode) may outlast the load: behind a maintenance page a file is
   * neither read nor lost, so the reads wait for the site to open (up to MAINTENANCE_WAIT_MS in all).
   * Any other answer gets 20 tries, 0.5 s apart: a file that never reads back is lost.
   */
  private async verifyUploads(): Promise<number> {
    let lost = 0;
    const probeJar = { cookie: '' };
    const accounts = this.options.moodle?.accounts;
    // One budget for the whole check: a site that keeps failing (a rotated password) must not make
    // 20 tries per file for every file; past it, a file that does not read back at once is lost.
    const openBy = Date.now() + MAINTENANCE_WAIT_MS;
    for (const u of this.uploads) {
      let answer: 'ok' | 'maintenance' | 'failed' = 'failed';
      // Moodle serves a private file to its owner's session only: the check reads as the owner,
      // logging in again when that session is gone (a cache drill may have lost it).
      const jar = accounts?.length ? this.jars.get(u.user) ?? { cookie: '' } : probeJar;
      for (let attempt = 0; attempt < 20 && answer !== 'ok' && !this.options.signal?.aborted;) {
        const read = await this.read(u.user, 'verify', u, jar);
        if (read === 'session' && accounts?.length) await this.moodleLogin(u.user, jar, accounts[u.user % accounts.length], 'verify');
        answer = read === 'session' ? 'failed' : read;
        if (answer !== 'ok' && Date.now() >= openBy) break;
        if (answer === 'failed') attempt++;
        if (answer !== 'ok') await delay(500).catch(() => undefined);
      }
      if (answer !== 'ok') lost++;
    }
    return lost;
  }

  /** `redirectOk`: a 3xx is an answer, not a failure (Moodle answers logins and lost sessions with 303). */
  private async request(user: number, kind: RequestKind, path: string, jar: { cookie: string }, init?: RequestInit, binary = false, redirectOk = false) {
    const start = this.now();
    const record: RequestRecord = { start, end: start, kind, user, status: 0, ok: false };
    let json: unknown;
    let body: Buffer | undefined;
    let text: string | undefined;
    let location: string | null = null;
    try {
      const response = await fetch(new URL(path, this.options.siteUrl), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), ...(jar.cookie ? { cookie: jar.cookie } : {}) },
        redirect: 'manual',
        // The upload check is not a user: it asks with a short timeout, within its own budget.
        signal: AbortSignal.timeout(kind === 'verify' ? VERIFY_TIMEOUT_MS : this.options.requestTimeoutMs ?? USER_PATIENCE_MS),
      });
      // session_regenerate_id sends a second cookie: the last one is the live session.
      const ids = response.headers.getSetCookie().map((c) => /^MoodleSession=([^;]*)/.exec(c)?.[1]).filter((v): v is string => !!v);
      if (ids.length) jar.cookie = `MoodleSession=${ids[ids.length - 1]}`;
      const buffer = Buffer.from(await response.arrayBuffer());
      record.status = response.status;
      record.node = response.headers.get('x-upstream') ?? response.headers.get('x-node') ?? undefined;
      location = response.headers.get('location');
      record.ok = (response.status >= 200 && response.status < 300) || (redirectOk && response.status >= 300 && response.status < 400);
      if (!record.ok) {
        // The web ACL's stand-in names its rule: the request never reached a node.
        record.failure = response.headers.get('x-mha-firewall') ? 'firewall' : response.status === 404 && kind !== 'page' ? 'missing' : `http${response.status}`;
        record.maintenance = isMaintenance(response);
      }
      if (binary && record.ok) body = buffer; else { text = buffer.toString('utf8'); try { json = JSON.parse(text); } catch { json = undefined; } }
      if (!record.ok) record.detail = ((json as { message?: string } | undefined)?.message ?? htmlMessage(buffer.toString('utf8'))).slice(0, 160);
      if (record.ok && record.node) this.lastNode = record.node;
    } catch (error) {
      const name = (error as Error).name;
      record.failure = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection';
      record.detail = String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    }
    record.end = this.now();
    this.records.push(record);
    return { ok: record.ok, json, body, text, location, record };
  }
}

/** A 3xx where Moodle should have answered the page itself. */
function unexpectedRedirect(record: RequestRecord, location: string | null): void {
  record.ok = false;
  record.failure = `http${record.status}`;
  record.detail = `unexpected redirect to ${location}`;
}

/** A 200 that says Moodle did not do what was asked (its AJAX scripts answer errors with 200). */
function refused(record: RequestRecord, why: string): void {
  record.ok = false;
  record.failure = 'refused';
  record.detail = why.slice(0, 160);
}

/** An HTML error page (Moodle's, nginx's) by its error message or title rather than its first bytes. */
export function htmlMessage(text: string): string {
  const pick = /class="errormessage"[^>]*>([\s\S]*?)<\/(?:p|div)>/i.exec(text)?.[1] ?? /<title>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = pick === undefined ? text : pick.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  // The page's text, not its markup: Moodle escapes quotes in error messages (&#039;).
  return plain.replace(/&#0*39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The probe marks its maintenance page with a header; Moodle with its status line ("503 Moodle under maintenance"). */
function isMaintenance(response: Response): boolean {
  return response.status === 503 && (response.headers.get('x-maintenance') === '1' || /maintenance/i.test(response.statusText));
}

function sha1(data: Buffer): string { return createHash('sha1').update(data).digest('hex'); }
