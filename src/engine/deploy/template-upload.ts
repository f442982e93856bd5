import {
  CreateBucketCommand, HeadBucketCommand, PutBucketEncryptionCommand, PutObjectCommand, PutPublicAccessBlockCommand,
  type BucketLocationConstraint, type S3Client,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { MhaError } from '../common/errors';
import { MAX_TEMPLATE_BYTES } from '../template/limits';
import { awsErrorCode } from './map-aws-error';

/** CloudFormation's limits: a TemplateBody up to 51,200 bytes; a TemplateURL object up to 1 MB. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
/** The same constant lint refuses templates by. */
export const MAX_TEMPLATE_URL_BYTES = MAX_TEMPLATE_BYTES;

export type TemplateDelivery = { kind: 'body'; bytes: number } | { kind: 'url'; bytes: number };

export function templateDelivery(text: string): TemplateDelivery {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEMPLATE_URL_BYTES) {
    throw new MhaError('aws.templateTooLarge', `The template is ${bytes.toLocaleString('en')} bytes; CloudFormation accepts at most 1,000,000 bytes even from S3.`, {
      nextStep: 'Split it into nested stacks (AWS::CloudFormation::Stack), or move repeated parts into mappings or a macro.',
    });
  }
  return bytes > MAX_TEMPLATE_BODY_BYTES ? { kind: 'url', bytes } : { kind: 'body', bytes };
}

/**
 * The bucket the tool makes when none is configured. Bucket names are global, so it carries a random
 * suffix; the deploy state file remembers it, so one bucket serves every later deploy.
 */
export function newTemplateBucketName(region: string): string {
  return `moodle-ha-templates-${region}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 63);
}

export interface UploadOptions {
  bucket: string;
  stackName: string;
  text: string;
  region: string;
  /** The account id that must own the bucket (sent as ExpectedBucketOwner on every call). */
  expectedOwner?: string;
  /** Asked before creating a missing bucket; false stops the deploy. */
  confirmCreateBucket?: (bucket: string) => Promise<boolean>;
  signal?: AbortSignal;
}

/** Puts the template in S3 (creating a private, encrypted bucket after asking) and returns its URL. */
export async function uploadTemplate(s3: S3Client, options: UploadOptions): Promise<{ url: string; key: string }> {
  await ensureBucket(s3, options);
  const hash = createHash('sha256').update(options.text).digest('hex').slice(0, 16);
  const key = `templates/${options.stackName}/${hash}.template`;
  await s3.send(new PutObjectCommand({ Bucket: options.bucket, ExpectedBucketOwner: options.expectedOwner, Key: key, Body: options.text, ContentType: 'text/plain' }), { abortSignal: options.signal });
  // CloudFormation fetches the object itself and expects an S3 URL; local endpoints (moto,
  // LocalStack) map this form onto their own S3 too, so it is the same with an endpoint override.
  return { url: `https://${options.bucket}.s3.${options.region}.amazonaws.com/${key}`, key };
}

async function ensureBucket(s3: S3Client, options: UploadOptions): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: options.bucket, ExpectedBucketOwner: options.expectedOwner }), { abortSignal: options.signal });
    return;
  } catch (error) {
    const code = awsErrorCode(error);
    if (code !== 'NotFound' && code !== 'NoSuchBucket' && (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
  }
  const allowed = await options.confirmCreateBucket?.(options.bucket);
  if (!allowed) {
    throw new MhaError('aws.templateTooLarge', `The template is over 51,200 bytes and must go through S3, but bucket '${options.bucket}' does not exist.`, {
      nextStep: 'Allow the toolkit to create it, or name an existing bucket (moodleHa.aws.templateBucket / --template-bucket).',
    });
  }
  await s3.send(new CreateBucketCommand({
    Bucket: options.bucket,
    CreateBucketConfiguration: options.region === 'us-east-1' ? undefined : { LocationConstraint: options.region as BucketLocationConstraint },
  }), { abortSignal: options.signal });
  await s3.send(new PutPublicAccessBlockCommand({
    Bucket: options.bucket, ExpectedBucketOwner: options.expectedOwner,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  }), { abortSignal: options.signal });
  await s3.send(new PutBucketEncryptionCommand({
    Bucket: options.bucket, ExpectedBucketOwner: options.expectedOwner,
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  }), { abortSignal: options.signal });
}
