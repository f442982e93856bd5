import type { ExtensionCommand } from './command';
import { lintFileCommand } from './lint/file';
import { lintWorkspaceCommand } from './lint/workspace';
import { showLogCommand } from './log/show';

/** Every command the extension registers; a test checks this table against package.json. */
export const extensionCommands: ExtensionCommand[] = [
  showLogCommand,
  lintFileCommand,
  lintWorkspaceCommand,
];
