import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type * as vscode from 'vscode';

export interface MigrateRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `moodle-ha migrate …` (the CLI bundled with the extension) as a child process: the take
 * copies and hashes gigabytes, which must not run on the extension host. Each stderr line is a
 * progress message; the signal sends SIGINT (the CLI then stops cleanly, keeping what finished),
 * then SIGKILL if it has not ended 10 s later. Secrets go in `env`, never in the arguments.
 */
export function runMigrateCli(context: vscode.ExtensionContext, args: string[], options: { signal: AbortSignal; onProgress: (line: string) => void; env?: Record<string, string> }): Promise<MigrateRun> {
  const cli = path.join(context.extensionPath, 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', ...args], {
      // VS Code's own binary runs as plain Node with this variable (code-server's is Node already).
      env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString('utf8');
      stderr += text;
      const lines = (pending + text).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onProgress(line.trim());
    });
    let killTimer: NodeJS.Timeout | undefined;
    const cancel = () => {
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    };
    if (options.signal.aborted) cancel(); else options.signal.addEventListener('abort', cancel, { once: true });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', cancel);
      resolve({ code: code ?? (signal ? 130 : 1), stdout, stderr });
    });
  });
}

/** The CLI's error lines ("moodle-ha migrate: …" and its "→ next step"), for a message box. */
export function errorOf(run: MigrateRun): string {
  const lines = run.stderr.trim().split('\n');
  const start = lines.findIndex((l) => l.startsWith('moodle-ha migrate:'));
  return (start >= 0 ? lines.slice(start) : lines.slice(-3)).join('\n').replace(/^moodle-ha migrate: /, '');
}
