import type { Finding } from '../finding';
import type { LintSources } from '../lint-template';

/** The findings of one file, as the CLI and the report writers see them. */
export interface FileFindings {
  file: string;
  findings: Finding[];
  /** Set when the file could not be read or is not a template; the reason is the message. */
  skipped?: string;
  /** Which lint sources ran on it. */
  sources?: LintSources;
  /** Whether the Moodle-HA rules ran on it, and why (printed with --verbose). */
  moodleStack?: { isMoodle: boolean; reason: string };
}

/** The JSON shape of one finding: 1-based lines and columns. */
export interface FindingRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  rule: string;
  source: Finding['source'];
  message: string;
  docs?: string;
}

export function toRecords(files: FileFindings[]): FindingRecord[] {
  return files.flatMap(({ file, findings }) => findings.map((f) => ({
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.ruleId,
    source: f.source,
    message: f.message,
    ...(f.docsUrl ? { docs: f.docsUrl } : {}),
  })));
}
