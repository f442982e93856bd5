import type { S3Client } from '@aws-sdk/client-s3';
import { MhaError } from '../../common/errors';
import type { AwsClientFactory } from '../../deploy/aws-clients';
import { runSiteOperation, type SiteOperationMessage } from '../../deploy/ops/site-operation';
import type { SourceInventory } from '../inventory';
import type { MigrateContext } from '../take/take-context';
import { uploadSite, type UploadResult } from './s3-upload';

/** The cutover's journal steps after the take: each one that finished is never run again. */
export const CUTOVER_STEP = { upload: 'cutover.upload', restore: 'cutover.restore' } as const;

export interface RestoreOnStackRequest {
  stackName: string;
  /** The stack's artifact bucket and account (the restore document reads only that bucket). */
  bucket: string;
  account: string;
  /** The site's name under migrate/ (the document's Prefix is migrate/<name>). */
  name: string;
  s3: S3Client;
  aws: AwsClientFactory;
  emit: (message: SiteOperationMessage) => void;
  pollIntervalMs?: number;
}

export interface RestoreOnStackResult { upload: UploadResult; restore: { commandId: string; instanceId: string; summary: string } }

/**
 * Upload the taken site to the stack's bucket, then run the stack's MigrateRestoreDocument on one web
 * server and require it to verify. Both are journal steps; a failed or cancelled restore records
 * nothing, so the next run sends the document again (the job itself skips what it finished).
 */
export async function restoreOnStack(ctx: MigrateContext, inventory: SourceInventory, request: RestoreOnStackRequest): Promise<RestoreOnStackResult> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(request.name)) {
    throw new MhaError('usage', `The site name '${request.name}' cannot be a key prefix.`, { nextStep: 'Use 1 to 64 letters, digits, - or _ (e.g. --name school).' });
  }
  const prefix = `migrate/${request.name}`;
  const upload = await ctx.journal.step(CUTOVER_STEP.upload, () => uploadSite(ctx, inventory, { s3: request.s3, bucket: request.bucket, prefix, account: request.account }));
  const restore = await ctx.journal.step(CUTOVER_STEP.restore, async () => {
    ctx.progress({ message: `Restoring ${prefix} on a web server of ${request.stackName} (SSM)…` });
    const outcome = await runSiteOperation(request.aws, {
      stackName: request.stackName, operation: 'migrate-restore', prefix, emit: request.emit, signal: ctx.signal, pollIntervalMs: request.pollIntervalMs,
    });
    if (outcome.status !== 'Success') {
      throw new MhaError('migrate.restore', `The restore on ${outcome.instanceId} ended ${outcome.status}${outcome.exitCode === undefined ? '' : ` (exit ${outcome.exitCode})`}: ${outcome.explanation ?? ''}\n${lastLines(outcome.errorOutput, 12)}`, {
        nextStep: 'Read the lines above, fix what they name, then run the same cutover command again: the upload is not repeated.',
      });
    }
    return { commandId: outcome.commandId, instanceId: outcome.instanceId, summary: lastLines(outcome.output, 2) };
  });
  return { upload: upload.result, restore: restore.result };
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
