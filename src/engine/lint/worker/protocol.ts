/** Messages between the editor's budgeted lint worker (lint-worker.ts) and its host side (budgeted-lint-worker.ts). */
import type { RawDiagnostic } from '../validator/protocol';
import type { LintResult, RuleSettings } from '../lint-template';

/** One document's lint. The worker keeps an incremental linter per key between requests. */
export interface LintJob {
  key: string;
  /** The name findings and stack-family lookups use (a file path, or the document's URI). */
  name: string;
  text: string;
  depth: 'fast' | 'full';
  region?: string;
  rules?: RuleSettings;
  /** Ask AWS's validator (it runs on the host's pool; the worker relays through `validate` messages). */
  useValidator: boolean;
  /** The document is a file on disk, so its parent and nested stacks may be read beside it. */
  onDisk: boolean;
}

/** A lint result as it crosses threads: everything but the parsed model, which cannot. */
export type PlainLintResult = Omit<LintResult, 'model'>;

export type ToWorker =
  | { kind: 'lint'; id: number; job: LintJob }
  | { kind: 'cancel'; id: number }
  | { kind: 'forget'; key: string }
  | { kind: 'validated'; vid: number; diagnostics?: RawDiagnostic[]; error?: string; cancelled?: boolean };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: PlainLintResult }
  | { kind: 'failed'; id: number; error: string; cancelled: boolean }
  | { kind: 'validate'; vid: number; id: number; name: string; text: string; region?: string; key?: string }
  | { kind: 'cancel-validate'; vid: number };
