import { runCli } from '../../../src/cli/run-cli';
import { fixturePath } from '../../support/fixtures';

/** Runs the CLI in-process, collecting what it prints; `signal` lets a test cancel it. */
export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (t) => { out += t; }, err: (t) => { err += t; },
    cwd: options.cwd ?? fixturePath(), env: options.env ?? {}, signal: options.signal ?? new AbortController().signal,
  });
  return { code, out, err };
}
