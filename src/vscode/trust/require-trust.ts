import * as vscode from 'vscode';
import { MhaError } from '../../engine/common/errors';
import type { ExtensionCommand } from '../commands/command';
import type { Services } from '../services';

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
 * The same command, marked as needing trust: `runCommand` (the one gate every registration goes
 * through) refuses it with the reason until the workspace is trusted. Give the command
 * `"enablement": "isWorkspaceTrusted"` in package.json too, so VS Code greys it out.
 */
export function trustedOnly(command: ExtensionCommand, what: string): ExtensionCommand {
  return { ...command, needsTrust: what };
}

/** Runs a command through the trust gate. Enablement only hides a command; executeCommand still reaches it. */
export function runCommand(services: Services, command: ExtensionCommand, args: unknown[]): unknown {
  if (command.needsTrust) requireTrust(command.needsTrust);
  return command.run(services, ...args);
}

/** Commands whose `needsTrust` and package.json enablement disagree (the loader reports them). */
export function trustMismatches(commands: ExtensionCommand[], declared: Array<{ command: string; enablement?: string }>): string[] {
  return commands
    .filter((c) => !!c.needsTrust !== /\bisWorkspaceTrusted\b/.test(declared.find((d) => d.command === c.id)?.enablement ?? ''))
    .map((c) => `${c.id}: ${c.needsTrust ? 'needs trust but has no "enablement": "isWorkspaceTrusted"' : 'has "enablement": "isWorkspaceTrusted" but is not gated'}`);
}
