import { toRecords, type FileFindings } from './file-findings';

/** `file:line:col: severity RULE message`, one per line, then a count; what editors and CI logs parse. */
/**
 * `linted`: how many files were looked at, when `files` holds only those worth a line;
 * `notCloudFormation`: how many of them were skipped as not templates (the summary says so, or a
 * run over files that are all skipped would read as clean).
 */
export function formatText(files: FileFindings[], options: { verbose?: boolean; linted?: number; notCloudFormation?: number } = {}): string {
  const linted = options.linted ?? files.length;
  const lines: string[] = [];
  if (options.verbose) {
    for (const f of files) if (f.moodleStack) lines.push(`${f.file}: ${f.moodleStack.isMoodle ? 'Moodle stack' : 'not a Moodle stack, Moodle-HA rules skipped'}: ${f.moodleStack.reason}`);
  }
  for (const r of toRecords(files)) {
    lines.push(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.rule} ${r.message} [${r.source}]`);
  }
  for (const f of files) if (f.skipped) lines.push(`${f.file}: skipped: ${f.skipped}`);
  const count = (s: string) => files.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0);
  const skipped = options.notCloudFormation ? ` (${options.notCloudFormation} not CloudFormation, skipped)` : '';
  lines.push(`${linted} file${linted === 1 ? '' : 's'}: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info${skipped}`);
  return lines.join('\n') + '\n';
}
