import * as vscode from 'vscode';
import type { Finding } from '../../engine/lint/finding';
import type { TemplateLinter } from './template-linter';
import { ruleIdOf, toRange } from './to-diagnostic';

/** Offers the fixes that came with each finding, as code actions on its diagnostic. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: TemplateLinter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.linter.findingsFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findings.find((f) => matches(f, diagnostic));
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}

function matches(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  return ruleIdOf(diagnostic) === finding.ruleId
    && diagnostic.message === finding.message
    && diagnostic.range.isEqual(toRange(finding.range));
}
