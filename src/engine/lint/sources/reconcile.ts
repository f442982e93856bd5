import type { LineIndex } from '../../template/source-range';
import { compareFindings, type Finding, type Severity } from '../finding';
import type { CfnLintMatch } from './cfn-lint/cfn-lint-process';

const CFN_LINT_DOCS = 'https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md';

/** cfn-lint's matches as findings, in our zero-based coordinates. */
export function cfnLintFindings(matches: CfnLintMatch[], lines: LineIndex): Finding[] {
  return matches.map((m) => {
    const start = { line: Math.max(0, m.line - 1), character: Math.max(0, m.column - 1) };
    const endLine = Math.max(start.line, (m.endLine || m.line) - 1);
    const end = { line: endLine, character: endLine === start.line ? Math.max(start.character, (m.endColumn || m.column) - 1) : Math.max(0, (m.endColumn || 1) - 1) };
    return {
      ruleId: m.rule,
      severity: severityOf(m),
      message: m.message,
      source: 'CloudFormation' as const,
      range: start.line < lines.lineCount ? { start, end } : lines.lineRange(0),
      docsUrl: CFN_LINT_DOCS,
      origin: 'cfn-lint',
    };
  });
}

function severityOf(m: CfnLintMatch): Severity {
  if (m.rule.startsWith('E') || m.severity === 'error') return 'error';
  if (m.rule.startsWith('W') || m.severity === 'warning') return 'warning';
  return 'info';
}

export interface Reconciled {
  findings: Finding[];
  /** Our generic errors cfn-lint did not confirm, dropped (for the log and the status line). */
  dropped: Finding[];
}

/**
 * Merges cfn-lint's findings into ours with cfn-lint as the arbiter of generic errors:
 * - a generic error of ours (validator, parser, our checks) that no cfn-lint error within one line
 *   confirms is dropped: cfn-lint, run on the same text, is the reference;
 * - a cfn-lint finding that repeats one of ours (same rule number, within one line) is left out,
 *   since ours carries the better range and the quick fixes;
 * - Moodle-HA findings are ours alone and pass through.
 */
export function reconcileWithCfnLint(ours: Finding[], cfnLint: Finding[]): Reconciled {
  const cfnErrors = cfnLint.filter((f) => f.severity === 'error');
  const kept: Finding[] = [];
  const dropped: Finding[] = [];
  for (const f of ours) {
    const arbitrated = f.source === 'CloudFormation' && f.severity === 'error';
    if (arbitrated && !cfnErrors.some((c) => near(c, f))) dropped.push(f);
    else kept.push(f);
  }
  const fromCfnLint = cfnLint.filter((c) => !kept.some((f) => f.source === 'CloudFormation' && near(c, f)
    && (sameRule(f.ruleId, c.ruleId) || f.message === c.message) && (c.severity !== 'error' || f.severity === 'error')));
  return { findings: [...kept, ...fromCfnLint].sort(compareFindings), dropped };
}

function near(a: Finding, b: Finding): boolean {
  return Math.abs(a.range.start.line - b.range.start.line) <= 1;
}

/** AWS's validator writes F1020 where cfn-lint writes E1020: the number names the check. */
export function sameRule(a: string, b: string): boolean {
  return a.slice(1) === b.slice(1) && /^\d{4}$/.test(a.slice(1));
}
