import * as fsSync from 'node:fs';
import { mapLimited } from '../common/map-limited';
import { readRegularFile } from '../common/read-bounded';
import { decodeTemplateBytes } from '../template/decode';
import { MAX_TEMPLATE_BYTES } from '../template/parse';
import { startOfFile } from '../template/source-range';
import { nodeTemplateFiles } from '../topology/stack-family/template-files';
import { lintTemplate, type LintOptions, type LintResult } from './lint-template';
import type { FileFindings } from './format/file-findings';
import { CfnLintProcess, type CfnLintSource } from './sources/cfn-lint/cfn-lint-process';
import { withCfnLint } from './sources/with-cfn-lint';
import { ValidatorPool, type TemplateValidator } from './validator/validator-pool';

export interface LintFilesOptions extends Omit<LintOptions, 'validator'> {
  /** Use AWS's validator (default) or only the parser and the HA rules. */
  useValidator?: boolean;
  /** Validator engines for the run (default 1, see ONE_ENGINE_IS_ENOUGH). */
  workers?: number;
  /** For a pool of our own: WASM compiled by V8's baseline tier only (process-wide; the CLI sets it). */
  baselineWasm?: boolean;
  /** A validator already running (the editor's): used instead of starting a pool, and left running. */
  validator?: TemplateValidator;
  /** The text of a file when the caller has a fresher one than the disk (an editor's unsaved buffer). */
  textOf?: (file: string) => string | undefined;
  /** Told as each file is done, in completion order. */
  onFile?: (result: FileFindings, index: number) => void;
  /** Run cfn-lint as a third source and arbiter (one long-lived worker process for all files). */
  cfnLint?: boolean;
  /** A cfn-lint script or Python with cfnlint; default: cfn-lint on PATH, then python3. */
  cfnLintPath?: string;
}

/**
 * One validator engine serves a whole run: on the corpus the engine's work (5.2 s of CPU for 120
 * templates) is a fraction of the main thread's parsing and rules (~20 s), so a second engine
 * (one per core, as before) only added ~300 MB and 3–4 s of CPU to build it on a 2-core machine,
 * where it competes with the main thread for the second core.
 */
const ONE_ENGINE_IS_ENOUGH = 1;

/** Enough to keep a validator worker busy while the main thread parses and checks the next file. */
const FILES_IN_FLIGHT_PER_WORKER = 3;

/** Lints many files in one process: the validator engines are built once and share the work. */
export async function lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileFindings[]> {
  const workers = Math.max(1, options.workers ?? ONE_ENGINE_IS_ENOUGH);
  // One reader for the run: nested stacks and their parents are read and parsed once for all files.
  options = { files: nodeTemplateFiles({ unchanging: true }), ...options };
  const ownPool = options.useValidator === false || files.length === 0 || options.validator ? undefined : new ValidatorPool({ size: workers, baselineWasm: options.baselineWasm });
  void ownPool?.warmUp().catch(() => undefined);
  const pool = options.useValidator === false ? undefined : options.validator ?? ownPool;
  const cfnLint = options.cfnLint && files.length ? new CfnLintProcess({ path: options.cfnLintPath }) : undefined;
  void cfnLint?.ready().catch(() => undefined);
  let done = 0;
  try {
    // Largest first: the big templates start validating while the small ones fill the other workers.
    const order = [...files].sort((a, b) => sizeOf(b) - sizeOf(a));
    // A few files per worker in flight, not all at once: each one in flight holds its text and its
    // parsed model until the validator answers, and hundreds of them held together cost more
    // memory than the validator's engines (657 corpus templates: 1.18 GB peak before this).
    const results = new Map<string, FileFindings>();
    await mapLimited(order, workers * FILES_IN_FLIGHT_PER_WORKER, async (file) => {
      const result = await lintOneFile(file, options, pool, cfnLint);
      results.set(file, result);
      options.onFile?.(result, done++);
    });
    return files.map((f) => results.get(f)!);
  } finally {
    await Promise.all([ownPool?.dispose(), cfnLint?.dispose()]);
  }
}

async function lintOneFile(file: string, options: LintFilesOptions, pool: TemplateValidator | undefined, cfnLint: CfnLintSource | undefined): Promise<FileFindings> {
  const lint = async (text: string) => {
    // A batch never supersedes: another run linting the same file at once must not end this one.
    const fast = await lintTemplate(file, text, { ...options, validator: pool, supersede: false });
    return toFileFindings(file, cfnLint ? await withCfnLint(fast, cfnLint, { region: options.region, rules: options.rules, signal: options.signal }) : fast);
  };
  const open = options.textOf?.(file);
  if (open !== undefined) return lint(open);
  const read = await readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!read.ok) return { file, findings: [], skipped: `cannot read: ${read.reason}` };
  const decoded = decodeTemplateBytes(read.bytes);
  if (!decoded.ok) {
    return { file, findings: [{ ruleId: 'E0000', severity: 'error', source: 'CloudFormation', message: decoded.reason, range: startOfFile }] };
  }
  return lint(decoded.text);
}

function toFileFindings(file: string, result: LintResult): FileFindings {
  if (!result.isCloudFormation) return { file, findings: [], skipped: 'not a CloudFormation template' };
  return { file, findings: result.findings, sources: result.sources, ...(result.moodleStack ? { moodleStack: result.moodleStack } : {}) };
}

function sizeOf(file: string): number {
  try { return fsSync.statSync(file).size; } catch { return 0; }
}
