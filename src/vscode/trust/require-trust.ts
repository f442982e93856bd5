import * as vscode from 'vscode';
import { MhaError } from '../../engine/common/errors';
import type { ExtensionCommand } from '../commands/command';

/**
 * Workspace Trust: an untrusted folder may hold hostile templates or scripts, so only linting runs
 * there. Anything that runs Docker or talks to AWS goes through `requireTrust` first.
 */
export function requireTrust(what: string): void {
  if (vscode.workspace.isTrusted) return;
  throw new MhaError('usage', `${what} is disabled in an untrusted workspace: it runs containers or changes AWS resources from this folder's files.`, {
    nextStep: 'If you trust this folder, run "Workspaces: Manage Workspace Trust" and trust it, then try again.',
  });
}

/**
 * The same command, refusing to run (with the reason) until the workspace is trusted. Use it in
 * commands/index.ts, and give the command `"enablement": "isWorkspaceTrusted"` in package.json.
 */
export function trustedOnly(command: ExtensionCommand, what: string): ExtensionCommand {
  return {
    id: command.id,
    run: (services, ...args) => {
      requireTrust(what);
      return command.run(services, ...args);
    },
  };
}
