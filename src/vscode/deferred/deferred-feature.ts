import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionCommand } from '../commands/command';
import { commandTitle } from '../command-title';
import { guarded } from '../report-error';
import { runCommand, trustMismatches } from '../trust/require-trust';
import type { Services } from '../services';
import type { FeatureBundle } from './feature-bundle';

/**
 * Registers a feature bundle's commands at once (as thin stand-ins, found in package.json by their
 * id prefix) and loads the bundle itself right after activation. A command run before the bundle
 * has loaded waits for it.
 */
export function registerDeferredFeature(services: Services, bundleFile: string, commandPrefix: string): Promise<string[]> {
  let loaded: Promise<FeatureBundle> | undefined;
  const load = () => (loaded ??= new Promise<FeatureBundle>((resolve, reject) => {
    setImmediate(() => {
      try {
        const started = Date.now();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const bundle = require(path.join(__dirname, bundleFile)) as FeatureBundle;
        bundle.register(services);
        services.log.info(`${bundleFile} loaded in ${Date.now() - started} ms, after activation`);
        resolve(bundle);
      } catch (error) {
        services.log.error(`${bundleFile} could not be loaded: ${(error as Error).message}`);
        reject(error);
      }
    });
  }));

  const declared = (services.context.extension.packageJSON.contributes?.commands ?? []) as Array<{ command: string; enablement?: string }>;
  for (const { command: id } of declared.filter((c) => c.command.startsWith(commandPrefix))) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, guarded(services, commandTitle(services, id), async (...args) => {
      const command = (await load()).commands.find((c: ExtensionCommand) => c.id === id);
      if (!command) throw new Error(`${id} is declared but ${bundleFile} does not provide it.`);
      return runCommand(services, command, args);
    })));
  }
  // What is declared but missing from the bundle, once it has loaded (the extension-host test reads it).
  return load().then(
    (bundle) => [
      ...declared.filter((c) => c.command.startsWith(commandPrefix) && !bundle.commands.some((b) => b.id === c.command)).map((c) => `${bundleFile}: ${c.command} not provided`),
      ...trustMismatches(bundle.commands, declared).map((m) => `${bundleFile}: ${m}`),
    ],
    (error: Error) => [`${bundleFile}: ${error.message}`],
  );
}
