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
