import { execFile } from 'node:child_process';

export interface CfnLintMatch {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
}

/** One cfn-lint run over many files (its start-up is the slow part). Exit codes 2/4/8 mean findings. */
export function runCfnLint(files: string[], timeoutMs: number): Promise<CfnLintMatch[]> {
  return new Promise((resolve, reject) => {
    execFile('cfn-lint', ['--format', 'json', '--', ...files], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error('cfn-lint is not installed (pip install cfn-lint)'));
      try {
        resolve(JSON.parse(stdout || '[]') as CfnLintMatch[]);
      } catch {
        reject(new Error(`cfn-lint gave no JSON: ${stderr || stdout}`));
      }
    });
  });
}

/**
 * The files split over `processes` cfn-lint runs side by side (interleaved, so each gets a mix of
 * variants), each with its own time budget for its share. cfn-lint is single-threaded, so two
 * runs can use two free cores; on a saturated machine they gain nothing (1 December 2026, load
 * ~60: the 17 pairwise templates took 329 s in one run, 345 s in two).
 */
export async function runCfnLintSplit(files: string[], processes: number, budgetMs: (files: number) => number): Promise<CfnLintMatch[]> {
  const shares = Array.from({ length: Math.max(1, processes) }, (_, i) => files.filter((_, j) => j % Math.max(1, processes) === i)).filter((s) => s.length);
  const results = await Promise.all(shares.map((share) => runCfnLint(share, budgetMs(share.length))));
  return results.flat();
}
