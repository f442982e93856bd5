import { spawn } from 'node:child_process';

/** Runs the base-image recipe asynchronously (never blocks the extension host). */
export function runRecipe(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (e) => resolve({ code: 127, output: output + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
