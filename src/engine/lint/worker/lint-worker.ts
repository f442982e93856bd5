/**
 * The editor's lint (parsing, generic checks, the Moodle-HA rules) in a worker thread, so hostile
 * text can cost this thread's time and memory but never the extension host's. The host gives each
 * lint a budget and terminates this worker when it is spent (budgeted-lint-worker.ts). AWS's
 * validator stays on the host's pool (one engine of ~300 MB per window): this worker asks for it
 * with `validate` messages.
 */
import { parentPort } from 'node:worker_threads';
import { CancelledError, isCancellation } from '../../common/cancellation';
import { nodeTemplateFiles } from '../../topology/stack-family/template-files';
import { IncrementalLinter } from '../incremental/incremental-linter';
import type { LintResult } from '../lint-template';
import type { RawDiagnostic } from '../validator/protocol';
import type { TemplateValidator, ValidateOptions } from '../validator/validator-pool';
import type { FromWorker, LintJob, PlainLintResult, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('lint-worker must run in a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

const files = nodeTemplateFiles();
const linters = new Map<string, { linter: IncrementalLinter; settings: string }>();
const running = new Map<number, AbortController>();
const validations = new Map<number, { resolve(d: RawDiagnostic[]): void; reject(e: Error): void }>();
let nextValidation = 1;
let currentLint = 0;

/** AWS's validator as seen from here: each request goes to the host's pool and back. */
const relayedValidator: TemplateValidator = {
  validate(name: string, text: string, options: ValidateOptions = {}): Promise<RawDiagnostic[]> {
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    const vid = nextValidation++;
    return new Promise<RawDiagnostic[]>((resolve, reject) => {
      const onAbort = () => { validations.delete(vid); post({ kind: 'cancel-validate', vid }); reject(new CancelledError()); };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const detach = () => options.signal?.removeEventListener('abort', onAbort);
      validations.set(vid, { resolve: (d) => { detach(); resolve(d); }, reject: (e) => { detach(); reject(e); } });
      post({ kind: 'validate', vid, id: currentLint, name, text, region: options.region, key: options.key });
    });
  },
  dispose: () => Promise.resolve(),
};

function linterFor(job: LintJob): IncrementalLinter {
  const settings = JSON.stringify([job.region, job.rules, job.useValidator, job.onDisk]);
  const existing = linters.get(job.key);
  if (existing && existing.settings === settings) return existing.linter;
  const linter = new IncrementalLinter(job.name, {
    validator: job.useValidator ? relayedValidator : undefined, region: job.region, rules: job.rules, ...(job.onDisk ? { files } : {}),
  });
  linters.set(job.key, { linter, settings });
  return linter;
}

function plain(result: LintResult): PlainLintResult {
  const { model: _model, ...rest } = result;
  return rest;
}

async function lint(id: number, job: LintJob): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  currentLint = id;
  try {
    const linter = linterFor(job);
    const result = job.depth === 'fast' ? await linter.lintFast(job.text, controller.signal) : await linter.lintFull(job.text, controller.signal);
    post({ kind: 'result', id, result: plain(result) });
  } catch (error) {
    post({ kind: 'failed', id, error: (error as Error).message, cancelled: isCancellation(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'lint': void lint(message.id, message.job); break;
    case 'cancel': running.get(message.id)?.abort(); break;
    case 'forget': linters.delete(message.key); break;
    case 'validated': {
      const pending = validations.get(message.vid);
      if (!pending) return;
      validations.delete(message.vid);
      if (message.diagnostics) pending.resolve(message.diagnostics);
      else pending.reject(message.cancelled ? new CancelledError() : new Error(message.error ?? "AWS's validator failed"));
      break;
    }
  }
});
// The budget's clock starts now, not while this thread loads the engine's modules.
post({ kind: 'ready' });
