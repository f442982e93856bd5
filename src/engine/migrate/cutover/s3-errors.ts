import { MhaError, isMhaError } from '../../common/errors';
import { isCancellation } from '../../common/cancellation';

interface SdkError { name?: string; message?: string; Code?: string; $metadata?: { httpStatusCode?: number } }

/**
 * S3's answers in the user's words. A 403 to a request that carries ExpectedBucketOwner is how S3
 * says the bucket belongs to another account (it never says whose): the upload stops before a
 * single byte goes to a stranger's bucket.
 */
export function explainS3Error(error: unknown, bucket: string, owner: string, doing: string): unknown {
  if (isMhaError(error) || isCancellation(error)) return error;
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const code = e.Code ?? e.name ?? '';
  if (code === 'NoSuchBucket' || (status === 404 && (code === 'NotFound' || code === 'NoSuchBucket'))) {
    return new MhaError('migrate.upload', `There is no S3 bucket named ${bucket} (${doing}).`, {
      nextStep: 'Check --bucket: use the bucket the stack was deployed with (its ArtifactBucket), or create one in the stack\'s region and account.',
      cause: error,
    });
  }
  if (status === 403 || code === 'AccessDenied' || code === 'Forbidden') {
    return new MhaError('migrate.upload', `S3 refused ${doing} in bucket ${bucket}: either it is not owned by account ${owner}, or these credentials may not write to it.`, {
      nextStep: `Check that --account is the stack's account (${owner} was given) and that --bucket is that account's bucket; nothing was uploaded to it.`,
      cause: error,
    });
  }
  return new MhaError('migrate.upload', `S3 failed ${doing} in bucket ${bucket}: ${e.message ?? String(error)}`, {
    nextStep: 'Run the cutover again: objects already uploaded are kept and skipped, a half-uploaded one is uploaded again.',
    userFixable: false,
    cause: error,
  });
}
