import * as fsSync from 'node:fs';
import * as os from 'node:os';
import { readRegularFile } from '../common/read-bounded';
import { decodeTemplateBytes } from '../template/decode';
import { MAX_TEMPLATE_BYTES } from '../template/parse';
import { startOfFile } from '../template/source-range';
import { nodeTemplateFiles } from '../topology/stack-family/template-files';
import { lintTemplate, type LintOptions } from './lint-template';
import type { FileFindings } from './format/file-findings';
import { CfnLintProcess, type CfnLintSource } from './sources/cfn-lint/cfn-lint-process';
import { withCfnLint } from './sources/with-cfn-lint';
import { ValidatorPool } from './validator/validator-pool';

export interface LintFilesOptions extends Omit<LintOptions, 'validator'> {
  /** Use AWS's validator (default) or only the parser and the HA rules. */
  useValidator?: boolean;
  workers?: number;
  /** Run cfn-lint as a third source and arbiter (one long-lived worker process for all files). */
  cfnLint?: boolean;
  /** A cfn-lint script or Python with cfnlint; default: cfn-lint on PATH, then python3. */
  cfnLintPath?: string;
}

/** Lints many files in one process: the validator engines are built once and share the work. */
export async function lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileFindings[]> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const workers = options.workers ?? Math.max(1, Math.min(cores, Math.ceil(files.length / 4)));
  // One reader for the run: nested stacks and their parents are read and parsed once for all files.
  options = { files: nodeTemplateFiles(), ...options };
  const pool = options.useValidator === false || files.length === 0 ? undefined : new ValidatorPool({ size: workers });
  void pool?.warmUp().catch(() => undefined);
  const cfnLint = options.cfnLint && files.length ? new CfnLintProcess({ path: options.cfnLintPath }) : undefined;
  void cfnLint?.ready().catch(() => undefined);
  try {
    // Largest first: the big templates start validating while the small ones fill the other workers.
    const order = [...files].sort((a, b) => sizeOf(b) - sizeOf(a));
    const results = new Map<string, FileFindings>();
    await Promise.all(order.map(async (file) => { results.set(file, await lintOneFile(file, options, pool, cfnLint)); }));
    return files.map((f) => results.get(f)!);
  } finally {
    await Promise.all([pool?.dispose(), cfnLint?.dispose()]);
  }
}

async function lintOneFile(file: string, options: LintFilesOptions, pool: ValidatorPool | undefined, cfnLint: CfnLintSource | undefined): Promise<FileFindings> {
  const read = await readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!read.ok) return { file, findings: [], skipped: `cannot read: ${read.reason}` };
  const decoded = decodeTemplateBytes(read.bytes);
  if (!decoded.ok) {
    return { file, findings: [{ ruleId: 'E0000', severity: 'error', source: 'CloudFormation', message: decoded.reason, range: startOfFile }] };
  }
  const fast = await lintTemplate(file, decoded.text, { ...options, validator: pool });
  const result = cfnLint ? await withCfnLint(fast, cfnLint, { region: options.region, rules: options.rules, signal: options.signal }) : fast;
  if (!result.isCloudFormation) return { file, findings: [], skipped: 'not a CloudFormation template' };
  return { file, findings: result.findings, sources: result.sources, ...(result.moodleStack ? { moodleStack: result.moodleStack } : {}) };
}

function sizeOf(file: string): number {
  try { return fsSync.statSync(file).size; } catch { return 0; }
}
