import * as vscode from 'vscode';
import type { Finding } from '../../engine/lint/finding';
import { projectOfTemplate } from '../scaffold/saved-answers';
import type { TemplateLinter } from './template-linter';
import { ruleIdOf, toRange } from './to-diagnostic';

/** Offers the fixes that came with each finding, as code actions on its diagnostic. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: TemplateLinter) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
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
      if (finding?.ruleId === NO_HTTPS_RULE && document.uri.scheme === 'file' && await projectOfTemplate(document.uri.fsPath)) actions.push(addDomainAction(document, diagnostic));
    }
    return actions;
  }
}

/** MHA6002: no HTTPS listener. A redirect would go nowhere, so the fix is the HTTPS the project lacks. */
const NO_HTTPS_RULE = 'MHA6002';

/** A scaffolded project (its answers saved beside it) gets HTTPS by scaffolding again with a domain and certificate. */
function addDomainAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction('Add a domain and certificate…', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.command = { command: 'moodleHa.project.addDomain', title: 'Add a domain and certificate…', arguments: [document.uri] };
  return action;
}

function matches(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  return ruleIdOf(diagnostic) === finding.ruleId
    && diagnostic.message === finding.message
    && diagnostic.range.isEqual(toRange(finding.range));
}
