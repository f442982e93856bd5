import * as vscode from 'vscode';
import { OPTIONS_FILE } from '../../engine/scaffold/plan';
import { cloudFormationFiles, isCloudFormationFile } from '../../engine/template/cloudformation-file';
import type { Services } from '../services';

/** A Moodle HA project (the wizard's saved answers) is in the workspace: welcome pages and the walkthrough's first step read it. */
export const PROJECT_FOUND_KEY = 'moodleHa.project.found';
/** The workspace files that are CloudFormation templates by content (their paths): "Deploy Stack…" shows on these only. */
export const TEMPLATES_KEY = 'moodleHa.cfnTemplates';

const CANDIDATES = '**/*.{yaml,yml,json,template}';
const EXCLUDE = '**/{node_modules,cdk.out,.git}/**';
/** Enough for any project; a folder with more YAML/JSON than this gets the menu on the first ones (and on every linted one). */
const MAX_SCANNED = 300;

/**
 * Keeps the two context keys true to the workspace: a scan after activation, then file events and
 * the linter's verdict on each document it lints. Runs in the background: activation does not wait.
 */
export function registerProjectContext(services: Services): void {
  const templates = new Set<string>();
  let published = '';
  const publish = () => {
    const list = [...templates].sort();
    const text = JSON.stringify(list);
    if (text === published) return;
    published = text;
    void vscode.commands.executeCommand('setContext', TEMPLATES_KEY, list);
  };
  const recheck = async (uri: vscode.Uri) => {
    if (uri.scheme !== 'file') return;
    if (await isCloudFormationFile(uri.fsPath)) templates.add(uri.fsPath); else templates.delete(uri.fsPath);
    publish();
  };
  const templateWatcher = vscode.workspace.createFileSystemWatcher(CANDIDATES);
  const optionsWatcher = vscode.workspace.createFileSystemWatcher(`**/${OPTIONS_FILE}`);
  services.context.subscriptions.push(
    templateWatcher, optionsWatcher,
    templateWatcher.onDidCreate(recheck), templateWatcher.onDidChange(recheck),
    templateWatcher.onDidDelete((uri) => { templates.delete(uri.fsPath); publish(); }),
    optionsWatcher.onDidCreate(() => setProjectFound(true)),
    optionsWatcher.onDidDelete(() => void findProject()),
    services.linter.onDidLint(({ uri, result }) => {
      if (uri.scheme !== 'file') return;
      if (result.isCloudFormation) templates.add(uri.fsPath); else templates.delete(uri.fsPath);
      publish();
    }),
  );
  void (async () => {
    await findProject();
    const files = (await vscode.workspace.findFiles(CANDIDATES, EXCLUDE, MAX_SCANNED)).filter((u) => u.scheme === 'file');
    for (const file of await cloudFormationFiles(files.map((u) => u.fsPath))) templates.add(file);
    publish();
  })().catch((error: Error) => services.logger.warn(`scanning the workspace for templates: ${error.message}`));
}

async function findProject(): Promise<void> {
  const found = await vscode.workspace.findFiles(`**/${OPTIONS_FILE}`, EXCLUDE, 1);
  setProjectFound(found.length > 0);
}

/** Also called by New Project once the files are written, so the walkthrough ticks at once. */
export function setProjectFound(found: boolean): void {
  void vscode.commands.executeCommand('setContext', PROJECT_FOUND_KEY, found);
}
