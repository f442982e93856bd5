import * as vscode from 'vscode';
import type { Services } from '../services';

const OPENED_KEY = 'moodleHa.walkthrough.opened';
const WALKTHROUGH_ID = 'moodleHa.gettingStarted';

/**
 * Opens the getting-started walkthrough the first time the extension runs for this user (remembered
 * in globalState, so once), unless moodleHa.walkthrough.openOnFirstRun is off.
 */
export function openWalkthroughOnFirstRun(services: Services): void {
  const { globalState, extension } = services.context;
  if (globalState.get<boolean>(OPENED_KEY)) return;
  if (!vscode.workspace.getConfiguration('moodleHa.walkthrough').get<boolean>('openOnFirstRun', true)) return;
  // Remembered before it opens, so a second window starting at the same time does not open it too.
  void globalState.update(OPENED_KEY, true).then(
    () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension.id}#${WALKTHROUGH_ID}`, false),
    (error: Error) => services.logger.warn(`could not remember the walkthrough was shown: ${error.message}`),
  );
}
