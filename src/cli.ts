#!/usr/bin/env node
import { runCli } from './cli/run-cli';

// The AWS SDK warns on every run that its 2027 releases will need Node 22; the toolkit pins its SDK
// version and supports Node 20, so the warning says nothing a user can act on.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : String(warning);
  if (text.startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

// A reader that goes away (`moodle-ha lint … | head`) is a normal ending, not a crash with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const controller = new AbortController();
// First Ctrl-C cancels cleanly (operations tidy up); a second one exits at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

// runCli turns every error into an exit code, so the promise never rejects.
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
}).then((code) => { process.exitCode = code; });
