import * as vscode from 'vscode';
import { isWebUrl } from '../../../engine/common/web-url';
import type { ExtensionCommand } from '../command';

export const openUrlCommand: ExtensionCommand = {
  id: 'moodleHa.stack.openUrl',
  run: async (_services, url) => { if (typeof url === 'string' && isWebUrl(url)) await vscode.env.openExternal(vscode.Uri.parse(url)); },
};
