import { GetCommandInvocationCommand, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import { delay, throwIfCancelled } from '../../common/cancellation';
import type { AwsClientFactory } from '../aws-clients';

/** SSM's final statuses of one command invocation. */
export const TERMINAL_STATUSES = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Undeliverable', 'Terminated', 'InvalidPlatform', 'AccessDenied']);

export interface FollowOptions {
  signal?: AbortSignal;
  pollIntervalMs?: number;
  /** Called once per status change (the not-yet-existing invocation counts as Pending). */
  onStatus?: (status: string, detail?: string) => void;
}

/** Polls one instance's invocation of a command until SSM reports a final status. */
export async function followInvocation(clients: AwsClientFactory, commandId: string, instanceId: string, options: FollowOptions): Promise<GetCommandInvocationCommandOutput> {
  let last = '';
  for (;;) {
    throwIfCancelled(options.signal);
    let invocation: GetCommandInvocationCommandOutput | undefined;
    try {
      invocation = await clients.ssm().send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }), { abortSignal: options.signal });
    } catch (error) {
      // Right after SendCommand the invocation may not exist yet.
      if ((error as { name?: string }).name !== 'InvocationDoesNotExist') throw error;
    }
    const status = invocation?.Status ?? 'Pending';
    if (status !== last) {
      options.onStatus?.(status, invocation?.StatusDetails);
      last = status;
    }
    if (invocation && TERMINAL_STATUSES.has(status)) return invocation;
    await delay(options.pollIntervalMs ?? 5000, options.signal);
  }
}
