import { spawn, type ChildProcess } from 'node:child_process';
import * as readline from 'node:readline';
import { CancelledError } from '../../../common/cancellation';
import { MhaError } from '../../../common/errors';
import { silentLogger, type Logger } from '../../../common/logger';
import { RequestScheduler, type Lane, type Timers } from '../request-scheduler';
import { cfnLintPythonCandidates } from './locate-cfn-lint';
import { CFN_LINT_WORKER_PY } from './worker-script';

/** One cfn-lint match as the worker sends it: 1-based lines and columns. */
export interface CfnLintMatch {
  rule: string;
  severity: 'error' | 'warning' | 'informational' | string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CfnLintSource {
  lint(text: string, options?: { region?: string; signal?: AbortSignal; key?: string }): Promise<CfnLintMatch[]>;
  /** The cfn-lint version once the worker is up; rejects when cfn-lint cannot be used. */
  ready(): Promise<string>;
  dispose(): Promise<void>;
}

export interface CfnLintProcessOptions {
  /** A cfn-lint script or a Python that has cfnlint (the moodleHa.lint.cfnLintPath setting). */
  path?: string;
  logger?: Logger;
  /** How long one lint may run before the process is killed and restarted (default 120 s). */
  requestTimeoutMs?: number;
  /** How long importing cfnlint may take (default 120 s; it is 2–6 s on a quiet machine). */
  startTimeoutMs?: number;
  timers?: Timers;
}

interface Request { id: number; text: string; region?: string }
type Reply =
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; error: string }
  | { kind: 'result'; id: number; matches: CfnLintMatch[] }
  | { kind: 'error'; id: number; error: string };

/**
 * cfn-lint in one long-lived Python process that imports it once and lints on request, one
 * template at a time (JSON lines over stdin/stdout). A request past its deadline or cancelled
 * while running kills the process; the next request starts a new one.
 */
export class CfnLintProcess implements CfnLintSource {
  private readonly lane: PythonLane;
  private readonly scheduler: RequestScheduler<Request, CfnLintMatch[]>;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: CfnLintProcessOptions = {}) {
    this.lane = new PythonLane(cfnLintPythonCandidates(options.path), options.logger ?? silentLogger, options.startTimeoutMs ?? 120_000);
    this.scheduler = new RequestScheduler(() => [this.lane], 'cfn-lint', options.timers);
  }

  get restarts(): number { return this.scheduler.kills; }

  ready(): Promise<string> { return this.lane.start(); }

  lint(text: string, options: { region?: string; signal?: AbortSignal; key?: string } = {}): Promise<CfnLintMatch[]> {
    if (this.disposed) return Promise.reject(new CancelledError('cfn-lint was shut down.'));
    return this.scheduler.schedule({ id: this.nextId++, text, region: options.region }, { key: options.key, signal: options.signal, deadlineMs: this.options.requestTimeoutMs ?? 120_000 });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scheduler.rejectAll(new CancelledError('cfn-lint was shut down.'));
    this.lane.kill('shut down');
  }
}

class PythonLane implements Lane<Request, CfnLintMatch[]> {
  private child?: ChildProcess;
  private started?: Promise<string>;
  private pending?: { id: number; resolve(m: CfnLintMatch[]): void; reject(e: Error): void };
  /** The Python that worked last; tried first on a restart. */
  private python?: string;

  constructor(private readonly candidates: string[], private readonly logger: Logger, private readonly startTimeoutMs: number) {}

  start(): Promise<string> {
    if (!this.started) {
      this.started = this.startFirstWorking();
      this.started.catch(() => { this.started = undefined; });
    }
    return this.started;
  }

  async run(request: Request): Promise<CfnLintMatch[]> {
    await this.start();
    const child = this.child;
    if (!child?.stdin) throw new MhaError('validator.unavailable', 'cfn-lint stopped before the request could be sent.', { userFixable: false });
    return new Promise<CfnLintMatch[]>((resolve, reject) => {
      this.pending = { id: request.id, resolve, reject };
      child.stdin!.write(JSON.stringify(request) + '\n');
    });
  }

  kill(reason: string): void {
    const child = this.child;
    this.child = undefined;
    this.started = undefined;
    this.pending = undefined;
    if (!child) return;
    if (reason !== 'shut down') this.logger.info(`cfn-lint worker stopped (${reason}); a new one starts with the next request`);
    child.kill('SIGKILL');
  }

  private async startFirstWorking(): Promise<string> {
    const order = this.python ? [this.python, ...this.candidates.filter((c) => c !== this.python)] : this.candidates;
    const failures: string[] = [];
    for (const python of order) {
      try {
        const version = await this.spawnWorker(python);
        this.python = python;
        this.logger.info(`cfn-lint ${version} ready (${python})`);
        return version;
      } catch (error) {
        failures.push(`${python}: ${(error as Error).message}`);
      }
    }
    throw new MhaError('validator.unavailable', `cfn-lint is not usable: ${failures.join('; ')}`, {
      nextStep: "Install it with 'pip install cfn-lint', or point moodleHa.lint.cfnLintPath at it.",
    });
  }

  private spawnWorker(python: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(python, ['-c', CFN_LINT_WORKER_PY], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' } });
      } catch (error) {
        reject(error as Error);
        return;
      }
      let settled = false;
      const fail = (message: string) => { if (!settled) { settled = true; clearTimeout(timer); child.kill('SIGKILL'); reject(new Error(message)); } };
      const timer = setTimeout(() => fail(`did not start within ${Math.round(this.startTimeoutMs / 1000)} s`), this.startTimeoutMs);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-2000); });
      child.on('error', (error) => fail(error.message));
      child.on('exit', (code) => {
        fail(`exited with code ${code}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`);
        if (this.child === child) {
          this.child = undefined;
          this.started = undefined;
          this.pending?.reject(new MhaError('validator.unavailable', `cfn-lint stopped (exit code ${code}).`, { userFixable: false }));
          this.pending = undefined;
        }
      });
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        let reply: Reply;
        try { reply = JSON.parse(line) as Reply; } catch { return; }
        if (reply.kind === 'ready') { settled = true; clearTimeout(timer); this.child = child; resolve(reply.version); return; }
        if (reply.kind === 'failed') { fail(reply.error); return; }
        const p = this.pending;
        if (!p || p.id !== reply.id || this.child !== child) return;
        this.pending = undefined;
        if (reply.kind === 'result') p.resolve(reply.matches);
        else p.reject(new MhaError('validator.unavailable', `cfn-lint failed on this template: ${reply.error}`, { userFixable: false }));
      });
    });
  }
}
