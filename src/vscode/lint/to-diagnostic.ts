import * as vscode from 'vscode';
import type { Finding } from '../../engine/lint/finding';
import type { SourceRange } from '../../engine/template/source-range';

const severity: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Where a Moodle HA rule's page opens: the copy shipped with the extension, so it works offline. */
export type RuleDocs = (ruleId: string) => vscode.Uri | undefined;

/** A diagnostic that carries its rule id, linked to the rule's docs page, and its source. */
export function toDiagnostic(finding: Finding, localDocs?: RuleDocs): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severity[finding.severity]);
  diagnostic.source = finding.source;
  const target = (finding.source === 'Moodle HA' ? localDocs?.(finding.ruleId) : undefined) ?? (finding.docsUrl ? vscode.Uri.parse(finding.docsUrl) : undefined);
  diagnostic.code = target ? { value: finding.ruleId, target } : finding.ruleId;
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return code ? String(code.value) : undefined;
}
