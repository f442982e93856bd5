import type { TemplatePath } from '../template/nodes';
import type { SourceRange } from '../template/source-range';

export type Severity = 'error' | 'warning' | 'info';

/** Where a finding comes from, as the Problems panel shows it. */
export type FindingSource = 'Moodle HA' | 'CloudFormation';

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants, offered first. */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  source: FindingSource;
  range: SourceRange;
  /** Link to the rule's documentation. */
  docsUrl?: string;
  /** The template path the finding is about, when there is one. */
  path?: TemplatePath;
  fixes?: QuickFix[];
  /** Which lint source produced it, when not the HA rules (for reconciling and the status line). */
  origin?: 'parser' | 'validator' | 'cfn-lint' | 'generic';
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || severityRank[a.severity] - severityRank[b.severity]
    || a.ruleId.localeCompare(b.ruleId);
}
