#!/usr/bin/env node
import { runCli } from './cli/run-cli';

const controller = new AbortController();
// First Ctrl-C cancels cleanly (operations tidy up); a second one exits at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
}).then((code) => { process.exitCode = code; });
