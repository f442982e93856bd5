// Removing a UI test's own replica through the CLI (`sim down`), before and after the test, so a
// failed run leaves nothing for the next one.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');

/** Removes every container, network and volume of the replica `project`; a failure is logged, not thrown. */
export function sweepReplica(project, log) {
  try {
    execFileSync(process.execPath, [CLI, 'sim', 'down', '--project', project], { stdio: 'pipe', timeout: 120000 });
  } catch (error) {
    log(`sim down --project ${project}: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`);
  }
}
