import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import { decodeTemplateBytes } from '../template/decode';
import { startOfFile } from '../template/source-range';
import { nodeTemplateFiles } from '../topology/stack-family/template-files';
import { lintTemplate, type LintOptions } from './lint-template';
import type { FileFindings } from './format/file-findings';
import { ValidatorPool } from './validator/validator-pool';

export interface LintFilesOptions extends Omit<LintOptions, 'validator'> {
  /** Use AWS's validator (default) or only the parser and the HA rules. */
  useValidator?: boolean;
  workers?: number;
}

/** Lints many files in one process: the validator engines are built once and share the work. */
export async function lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileFindings[]> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const workers = options.workers ?? Math.max(1, Math.min(cores, Math.ceil(files.length / 4)));
  // One reader for the run: nested stacks and their parents are read and parsed once for all files.
  options = { files: nodeTemplateFiles(), ...options };
  const pool = options.useValidator === false || files.length === 0 ? undefined : new ValidatorPool({ size: workers });
  void pool?.warmUp().catch(() => undefined);
  try {
    // Largest first: the big templates start validating while the small ones fill the other workers.
    const order = [...files].sort((a, b) => sizeOf(b) - sizeOf(a));
    const results = new Map<string, FileFindings>();
    await Promise.all(order.map(async (file) => { results.set(file, await lintOneFile(file, options, pool)); }));
    return files.map((f) => results.get(f)!);
  } finally {
    await pool?.dispose();
  }
}

async function lintOneFile(file: string, options: LintFilesOptions, pool: ValidatorPool | undefined): Promise<FileFindings> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { file, findings: [], skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const decoded = decodeTemplateBytes(bytes);
  if (!decoded.ok) {
    return { file, findings: [{ ruleId: 'E0000', severity: 'error', source: 'CloudFormation', message: decoded.reason, range: startOfFile }] };
  }
  const result = await lintTemplate(file, decoded.text, { ...options, validator: pool });
  if (!result.isCloudFormation) return { file, findings: [], skipped: 'not a CloudFormation template' };
  return { file, findings: result.findings, ...(result.moodleStack ? { moodleStack: result.moodleStack } : {}) };
}

function sizeOf(file: string): number {
  try { return fsSync.statSync(file).size; } catch { return 0; }
}
