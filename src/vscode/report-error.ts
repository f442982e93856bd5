import * as vscode from 'vscode';
import { isCancellation } from '../engine/common/cancellation';
import { MhaError, describeError } from '../engine/common/errors';
import type { Services } from './services';

/**
 * The one place a failed command tells the user: once, with the next step and a way to the log.
 * A cancelled operation is a normal ending and says nothing.
 */
export async function reportError(services: Services, what: string, error: unknown): Promise<void> {
  if (isCancellation(error)) return;
  services.log.error(`${what}: ${describeError(error)}`);
  if (error instanceof Error && !(error instanceof MhaError) && error.stack) services.log.debug(error.stack);
  const choice = await vscode.window.showErrorMessage(`${what}: ${error instanceof Error ? error.message : String(error)}${error instanceof MhaError && error.nextStep ? ` ${error.nextStep}` : ''}`, 'Open Log');
  if (choice === 'Open Log') services.log.show(true);
}

/** Wraps a command so any failure is reported once, consistently. */
export function guarded(services: Services, what: string, run: (...args: unknown[]) => unknown) {
  return async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error) {
      await reportError(services, what, error);
      return undefined;
    }
  };
}
