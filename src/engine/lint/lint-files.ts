import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import { decodeTemplateBytes } from '../template/decode';
import { lintTemplate, type LintOptions } from './lint-template';
import type { FileFindings } from './format/file-findings';
import { ValidatorPool } from './validator/validator-pool';

export interface LintFilesOptions extends Omit<LintOptions, 'validator'> {
  /** Report files that are not CloudFormation (they are skipped either way). */
  reportSkipped?: boolean;
  /** Use AWS's validator (default) or only the parser and the HA rules. */
  useValidator?: boolean;
  workers?: number;
}

/** Lints many files in one process: the validator engines are built once and share the work. */
export async function lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileFindings[]> {
  const workers = options.workers ?? Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, Math.ceil(files.length / 4)));
  const pool = options.useValidator === false ? undefined : new ValidatorPool({ size: workers });
  if (pool && files.length > 0) void pool.warmUp().catch(() => undefined);
  try {
    return await Promise.all(files.map(async (file): Promise<FileFindings> => {
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        return { file, findings: [], skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
      const decoded = decodeTemplateBytes(bytes);
      if (!decoded.ok) {
        return { file, findings: [{ ruleId: 'E0000', severity: 'error', source: 'CloudFormation', message: decoded.reason, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
      }
      const result = await lintTemplate(file, decoded.text, { ...options, validator: pool });
      if (!result.isCloudFormation) return { file, findings: [], skipped: 'not a CloudFormation template' };
      return { file, findings: result.findings };
    }));
  } finally {
    await pool?.dispose();
  }
}
