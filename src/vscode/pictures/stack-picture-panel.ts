import * as vscode from 'vscode';
import { escapeXml } from '../../engine/common/svg-text';
import { pictureHtml } from './picture-panel';

const open = new Map<string, vscode.WebviewPanel>();

/** The command a panel's "Read again" link runs (the only command its webview may run). */
export const SHOW_STACK_TOPOLOGY = 'moodleHa.stack.showTopology';

/**
 * One panel per deployed stack, showing its topology with the resources' status as last read.
 * The status does not follow by itself: "Read again" asks CloudFormation once more.
 */
export function showStackPicture(stackName: string, svg: string): vscode.WebviewPanel {
  let panel = open.get(stackName);
  if (!panel) {
    panel = vscode.window.createWebviewPanel('moodleHa.stackTopology', `Stack topology: ${stackName}`, { viewColumn: vscode.ViewColumn.Active }, {
      enableScripts: false, enableCommandUris: [SHOW_STACK_TOPOLOGY], localResourceRoots: [],
    });
    const created = panel;
    created.onDidDispose(() => { if (open.get(stackName) === created) open.delete(stackName); });
    open.set(stackName, created);
  }
  const again = `command:${SHOW_STACK_TOPOLOGY}?${encodeURIComponent(JSON.stringify([stackName]))}`;
  panel.webview.html = pictureHtml('stack-topology', `<p><a href="${escapeXml(again)}">Read the status again</a></p>${svg}`, panel.webview.cspSource);
  panel.reveal(undefined, false);
  return panel;
}
