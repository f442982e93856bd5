import * as fsSync from 'node:fs';
import * as os from 'node:os';
import { readRegularFile } from '../common/read-bounded';
import { decodeTemplateBytes } from '../template/decode';
import { MAX_TEMPLATE_BYTES } from '../template/parse';
import { startOfFile } from '../template/source-range';
import { lintTemplate, type LintOptions } from './lint-template';
import type { FileFindings } from './format/file-findings';
import { ValidatorPool, type TemplateValidator } from './validator/validator-pool';

export interface LintFilesOptions extends Omit<LintOptions, 'validator'> {
  /** Use AWS's validator (default) or only the parser and the HA rules. */
  useValidator?: boolean;
  workers?: number;
  /** A validator already running (the editor's): used instead of starting a pool, and left running. */
  validator?: TemplateValidator;
  /** The text of a file when the caller has a fresher one than the disk (an editor's unsaved buffer). */
  textOf?: (file: string) => string | undefined;
  /** Told as each file is done, in completion order. */
  onFile?: (result: FileFindings, index: number) => void;
}

/** Lints many files in one process: the validator engines are built once and share the work. */
export async function lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileFindings[]> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const workers = options.workers ?? Math.max(1, Math.min(cores, Math.ceil(files.length / 4)));
  const ownPool = options.useValidator === false || files.length === 0 || options.validator ? undefined : new ValidatorPool({ size: workers });
  void ownPool?.warmUp().catch(() => undefined);
  const pool = options.useValidator === false ? undefined : options.validator ?? ownPool;
  let done = 0;
  try {
    // Largest first: the big templates start validating while the small ones fill the other workers.
    const order = [...files].sort((a, b) => sizeOf(b) - sizeOf(a));
    const results = new Map<string, FileFindings>();
    await Promise.all(order.map(async (file) => {
      const result = await lintOneFile(file, options, pool);
      results.set(file, result);
      options.onFile?.(result, done++);
    }));
    return files.map((f) => results.get(f)!);
  } finally {
    await ownPool?.dispose();
  }
}

async function lintOneFile(file: string, options: LintFilesOptions, pool: TemplateValidator | undefined): Promise<FileFindings> {
  const open = options.textOf?.(file);
  if (open !== undefined) return toFileFindings(file, await lintTemplate(file, open, { ...options, validator: pool }));
  const read = await readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!read.ok) return { file, findings: [], skipped: `cannot read: ${read.reason}` };
  const decoded = decodeTemplateBytes(read.bytes);
  if (!decoded.ok) {
    return { file, findings: [{ ruleId: 'E0000', severity: 'error', source: 'CloudFormation', message: decoded.reason, range: startOfFile }] };
  }
  return toFileFindings(file, await lintTemplate(file, decoded.text, { ...options, validator: pool }));
}

function toFileFindings(file: string, result: { isCloudFormation: boolean; findings: FileFindings['findings'] }): FileFindings {
  if (!result.isCloudFormation) return { file, findings: [], skipped: 'not a CloudFormation template' };
  return { file, findings: result.findings };
}

function sizeOf(file: string): number {
  try { return fsSync.statSync(file).size; } catch { return 0; }
}
