import type { ExtensionCommand } from './command';
import { showLogCommand } from './log/show';

/** Every command the extension registers; a test checks this table against package.json. */
export const extensionCommands: ExtensionCommand[] = [
  showLogCommand,
];
