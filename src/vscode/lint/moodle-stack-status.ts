import * as vscode from 'vscode';
import type { TemplateLinter } from './template-linter';

/**
 * A status-bar item for the active template: whether the Moodle-HA rules ran on it (a Moodle stack)
 * or not, with the reason in the tooltip, so a template with no Moodle-HA finding is never a mystery.
 */
export function moodleStackStatus(linter: TemplateLinter): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('moodleHa.moodleStack', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Moodle HA: Moodle stack';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const decision = editor && linter.moodleStackOf(editor.document.uri);
    if (!decision) { item.hide(); return; }
    item.text = decision.isMoodle ? '$(pass) Moodle HA' : '$(circle-slash) Moodle HA: not a Moodle stack';
    item.tooltip = decision.isMoodle
      ? `Moodle HA rules run on this template: ${decision.reason}.`
      : `Moodle HA rules do not run on this template: ${decision.reason}. Mention Moodle (for example in the user data or a Metadata: moodle-ha block) if it deploys Moodle.`;
    item.show();
  };
  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    linter.onDidDecideMoodleStack((uri) => { if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) update(); }),
  ];
  update();
  return vscode.Disposable.from(...subscriptions);
}
