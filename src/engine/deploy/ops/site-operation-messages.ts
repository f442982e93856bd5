export type SiteOperation = 'install' | 'upgrade' | 'migrate-restore';

/** What the ops scripts' exit codes mean (see moodle/ops/install.sh and upgrade.sh), for the user. */
export function explainExitCode(operation: SiteOperation, status: string, exitCode: number | undefined): string {
  if (operation === 'migrate-restore') return explainRestoreExit(status, exitCode);
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

/** ops/migrate-restore.sh's exit codes (its header lists them). */
function explainRestoreExit(status: string, exitCode: number | undefined): string {
  if (status === 'Cancelled') return 'The restore was cancelled. Run the cutover again: finished steps are kept, a cut-off step starts again from its beginning.';
  if (status.includes('TimedOut')) return `SSM reported ${status}: the restore did not finish in time. Run the cutover again; finished steps are not repeated.`;
  switch (exitCode) {
    case 3: return "S3: the bucket, the manifest or an object it names is missing or unreadable; nothing was restored by that step. Run 'moodle-ha migrate cutover' again to upload what is missing.";
    case 4: return 'A downloaded object does not match its SHA-256 in the manifest; it was deleted. Run the cutover again (the upload sends it again if it differs).';
    case 5: return 'The database restore failed; its output says why. Run the cutover again: each table is dropped and restored whole.';
    case 6: return 'The restored site does not match the source (its output names the tables or files). Do not switch DNS; run the cutover again after the take is fixed, or roll back.';
    case 7: return "The stack's database already holds tables: the migration restores only into an empty database. Nothing was changed.";
    case 2: return 'The restore job was called wrongly (usage error); see its output.';
    default: return `The restore failed (${status}${exitCode === undefined ? '' : `, exit ${exitCode}`}); its output says why.`;
  }
}
