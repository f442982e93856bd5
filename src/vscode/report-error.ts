import * as vscode from 'vscode';
import { isCancellation } from '../engine/common/cancellation';
import { asMhaError, describeError } from '../engine/common/errors';
import type { Services } from './services';

/**
 * The one place a failed command tells the user: once, with the next step and a way to the log.
 * A cancelled operation is a normal ending and says nothing.
 */
export async function reportError(services: Services, what: string, error: unknown): Promise<void> {
  if (isCancellation(error)) return;
  const mha = asMhaError(error);
  services.log.error(`${what}: ${describeError(error)}`);
  if (error instanceof Error && !mha && error.stack) services.log.debug(error.stack);
  // Not awaited: the message may sit in the notification center for ever, and the command (its
  // executeCommand promise) must end now, not when someone answers it.
  void vscode.window.showErrorMessage(`${what}: ${error instanceof Error ? error.message : String(error)}${mha?.nextStep ? ` ${mha.nextStep}` : ''}`, 'Open Log')
    .then((choice) => { if (choice === 'Open Log') services.log.show(true); });
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

