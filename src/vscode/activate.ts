import * as vscode from 'vscode';
import { extensionCommands } from './commands';
import { guarded } from './report-error';
import { runCommand } from './trust/require-trust';
import { commandTitle } from './command-title';
import { features } from './features';
import { createServices } from './services';

export function activateExtension(context: vscode.ExtensionContext) {
  const started = Date.now();
  const services = createServices(context);
  for (const command of extensionCommands) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, guarded(services, commandTitle(services, command.id), (...args) => runCommand(services, command, args))));
  }
  const deferred = features.map((feature) => feature(services)).filter((r): r is Promise<string[]> => !!r);
  const activationMs = Date.now() - started;
  services.log.info(`Moodle HA activated in ${activationMs} ms`);
  return {
    activationMs,
    /** Resolves once the deferred feature bundles have loaded, with any command they lack. */
    deferredProblems: () => Promise.all(deferred).then((lists) => lists.flat()),
  };
}
