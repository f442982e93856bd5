import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Pythons that may have cfnlint importable, best first: the one a configured path names (a
 * Python, or a cfn-lint script whose shebang names one), the one behind `cfn-lint` on PATH (its
 * shebang), then `python3`. The worker's handshake decides: the first that imports cfnlint wins.
 * A pyenv or asdf shim has no Python shebang; `python3` on the same PATH is then the right one.
 */
export function cfnLintPythonCandidates(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  const add = (p: string | undefined) => { if (p && !out.includes(p)) out.push(p); };
  if (configured) {
    // A configured path is the user's choice: when it does not work, say so rather than use another.
    if (/python[\d.]*(\.exe)?$/i.test(path.basename(configured))) return [configured];
    return [pythonOfScript(configured) ?? configured];
  }
  const onPath = findOnPath(process.platform === 'win32' ? 'cfn-lint.exe' : 'cfn-lint', env);
  if (onPath) add(pythonOfScript(onPath));
  add(process.platform === 'win32' ? 'python' : 'python3');
  return out;
}

/** Whether cfn-lint is installed at all, by the configured path or PATH (cheap: no process). */
export function cfnLintInstalled(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (configured) return fs.existsSync(configured);
  return !!findOnPath(process.platform === 'win32' ? 'cfn-lint.exe' : 'cfn-lint', env);
}

function pythonOfScript(script: string): string | undefined {
  try {
    const head = fs.readFileSync(script, { encoding: 'utf8', flag: 'r' }).slice(0, 300).split('\n')[0];
    const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
    if (!match) return undefined;
    const [, interpreter, argument] = match;
    if (/python/.test(path.basename(interpreter))) return interpreter;
    if (path.basename(interpreter) === 'env' && argument && /python/.test(argument)) return argument;
  } catch { /* unreadable: not a script */ }
  return undefined;
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try { if (fs.statSync(candidate).isFile()) return candidate; } catch { /* not here */ }
  }
  return undefined;
}
