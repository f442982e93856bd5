import * as path from 'node:path';
import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import { defaultOptions, type ScaffoldOptions } from '../../../engine/scaffold/options';
import { isCancellation } from '../../../engine/common/cancellation';
import { wizardCostLines } from '../../../engine/cost/wizard-cost-in-worker';
import { OPTIONS_FILE, planScaffold, TEMPLATE_FILE } from '../../../engine/scaffold/plan';
import { writePlan } from '../../../engine/scaffold/write-plan';
import { conflictResolver } from '../../scaffold/resolve-conflicts';
import { runWizard } from '../../scaffold/run-wizard';
import { askWizardPath, describeDesign, stepsFor, type WizardPath } from '../../scaffold/wizard-path';
import type { ExtensionCommand } from '../command';
import { withCancellableProgress } from '../../with-cancellable-progress';
import { setProjectFound } from '../../project/project-context';

/**
 * "Moodle HA: New Project…": the wizard, then the files (answers saved as moodle-ha.options.json,
 * the same JSON `moodle-ha scaffold --config` reads), asking per existing file, then the README.
 */
export const newProjectCommand: ExtensionCommand = {
  id: 'moodleHa.project.new',
  async run(services) {
    const path0 = await askWizardPath();
    if (!path0) return;
    let answers = await runWizard(defaultOptions(), stepsFor(path0), path0 === 'recommended' ? 'Moodle HA: New Project (recommended)' : 'Moodle HA: New Project');
    if (!answers) return;
    let folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    for (;;) {
      const choice = await confirmSummary(answers, folder, path0);
      if (!choice) return;
      if (choice === 'write' && folder) break;
      if (choice === 'every') {
        answers = await runWizard(answers, stepsFor('full'));
        if (!answers) return;
        continue;
      }
      folder = (await chooseFolder(folder)) ?? folder;
    }
    const plan = planScaffold(answers);
    const result = await withCancellableProgress('Moodle HA: writing the project', (signal) => writePlan(plan, folder.fsPath, { onConflict: conflictResolver(folder.fsPath), signal }));
    if (result.cancelled) return;
    setProjectFound(true);
    services.logger.info(`Scaffolded ${folder.fsPath}: ${result.written.length} written, ${result.skipped.length} skipped, ${result.unchanged.length} unchanged; answers in ${OPTIONS_FILE}`);
    // One editor group: the README's preview, then the template as a tab beside it in the same group.
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(folder.fsPath, 'README.md')));
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder.fsPath, TEMPLATE_FILE)), { preview: false, viewColumn: vscode.ViewColumn.Active });
    const demo = answers.domain.certificateArn ? '' : ' DEMO MODE: HTTP only, no certificate — not for real users.';
    void vscode.window.showInformationMessage(`Moodle HA: wrote ${result.written.length} file(s) to ${vscode.workspace.asRelativePath(folder)}${result.skipped.length ? `, kept ${result.skipped.length}` : ''}.${demo}`);
  },
};

type SummaryChoice = 'write' | 'folder' | 'every';

/**
 * The page before anything is written: what (the design in a few lines), where, a rough monthly cost,
 * and the way back. It opens at once; the cost is priced in a worker meanwhile (the page shows it is
 * busy, and closing the page stops the pricing), so the wizard never vanishes between questions.
 */
function confirmSummary(answers: ScaffoldOptions, folder: vscode.Uri | undefined, wizardPath: WizardPath): Promise<SummaryChoice | undefined> {
  const where = folder ? folder.fsPath : '(no folder open: choose one)';
  const files = planScaffold(answers).files.length;
  type Item = vscode.QuickPickItem & { value?: SummaryChoice };
  const itemsWith = (cost: string[]): Item[] => [
    ...(folder ? [{ label: `$(check) Write ${files} files to ${where}`, description: `${OPTIONS_FILE} keeps the answers`, value: 'write' as const }] : []),
    { label: '$(folder) Choose Another Folder…', value: 'folder' },
    ...(wizardPath === 'recommended' ? [{ label: '$(list-unordered) Answer Every Question…', description: 'sizes, engines, schedules, mail, alarms', value: 'every' as const }] : []),
    { label: 'What will be written', kind: vscode.QuickPickItemKind.Separator },
    ...describeDesign(answers).map((line) => ({ label: line })),
    { label: 'Rough cost (list prices, not a quote)', kind: vscode.QuickPickItemKind.Separator },
    ...cost.map((line) => ({ label: line })),
  ];
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Moodle HA: New Project — summary';
  pick.placeholder = `Write the project to ${where}?`;
  pick.ignoreFocusOut = true;
  pick.items = itemsWith(['$(loading~spin) Pricing the answers…']);
  pick.busy = true;
  const pricing = new AbortController();
  return new Promise((resolve) => {
    let chosen: SummaryChoice | undefined;
    pick.onDidAccept(() => {
      // A design or cost line is information: accepting one keeps the summary open.
      const value = pick.selectedItems[0]?.value;
      if (!value) return;
      chosen = value;
      pick.hide();
    });
    pick.onDidHide(() => {
      pricing.abort();
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
    void priceAnswers(answers, pricing.signal).then((cost) => {
      if (pricing.signal.aborted) return;
      const active = pick.activeItems[0]?.value;
      pick.items = itemsWith(cost);
      // Keep the row the user was on (replacing the items would move the cursor to the first row).
      const again = pick.items.find((item) => item.value && item.value === active);
      if (again) pick.activeItems = [again];
      pick.busy = false;
    });
  });
}

/** The cost lines, priced in a worker thread within a budget (seconds of work under load); stopped when the summary closes. */
async function priceAnswers(answers: ScaffoldOptions, signal: AbortSignal): Promise<string[]> {
  try {
    return await wizardCostLines(answers, { signal });
  } catch (error) {
    if (isCancellation(error)) return ['Not estimated (pricing was cancelled)'];
    return [`Not estimated (${error instanceof Error ? error.message : String(error)}; the project can still be written)`];
  }
}

async function chooseFolder(current: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const root = current ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Moodle HA: folder for the new project',
    openLabel: 'Scaffold Here',
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    defaultUri: root,
  });
  if (!picked?.[0]) return undefined;
  if (picked[0].scheme !== 'file') throw new MhaError('scaffold.write', `Cannot write to ${picked[0].toString()}.`, { nextStep: 'Choose a folder on this machine.' });
  return picked[0];
}
