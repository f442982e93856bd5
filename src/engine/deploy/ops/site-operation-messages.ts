export type SiteOperation = 'install' | 'upgrade';

/** What the ops scripts' exit codes mean (see moodle/ops/install.sh and upgrade.sh), for the user. */
export function explainExitCode(operation: SiteOperation, status: string, exitCode: number | undefined): string {
  if (status === 'Cancelled') {
    return operation === 'install'
      ? 'The install was cancelled. If it had started, the next install finds the unfinished site and asks for --reset-partial.'
      : 'The upgrade was cancelled. Run it again: it continues (or finishes) what was started; the site stays in maintenance until then.';
  }
  if (status.includes('TimedOut')) return `SSM reported ${status}: the instance did not finish in time. Run the operation again; it is safe to repeat.`;
  switch (exitCode) {
    case 3: return 'The code on the servers is older than the database: Moodle cannot downgrade. Nothing was changed. Publish a release at least as new as the database, or restore the pre-upgrade snapshot first.';
    case 4: return "A first install did not finish. Run 'moodle-ha site install --reset-partial' to drop the unfinished site's tables and install again.";
    case 2: return 'The operation was called wrongly (usage error); see its output.';
    default: return `The ${operation} failed (${status}${exitCode === undefined ? '' : `, exit ${exitCode}`}); its output says why.`;
  }
}
