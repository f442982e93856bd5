import * as fs from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { throwIfCancelled } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import type { AwsClientFactory } from '../aws-clients';
import { mapAwsError } from '../map-aws-error';
import { describeStack } from '../stack-reader';
import { collectBundle } from './collect-bundle';
import { followRelease, type ReleaseOutcome } from './follow-release';
import type { PublishMessageSink, ReleaseTarget } from './publish-messages';
import { releaseTargetFromOutputs } from './release-target';
import { writeZip } from './zip-writer';

export interface PublishRequest {
  stackName: string;
  bundleDir: string;
  emit: PublishMessageSink;
  /** Asked after the size and exclusions are shown; false stops before the upload. */
  confirm?: (summary: { files: number; zipBytes: number; noteworthy: Array<{ name: string; reason: string }> }) => Promise<boolean>;
  /** Follow the pipeline and CodeDeploy after uploading (default true). */
  follow?: boolean;
  signal?: AbortSignal;
  pollIntervalMs?: number;
}

export type PublishOutcome =
  | { kind: 'declined' }
  | { kind: 'uploaded'; target: ReleaseTarget; versionId?: string; release?: ReleaseOutcome };

/** Zips the Moodle bundle, uploads it as a new version of the pipeline's source, and follows the release. */
export async function publishCode(clients: AwsClientFactory, request: PublishRequest): Promise<PublishOutcome> {
  const { signal, emit } = request;
  try {
    const stack = await describeStack(clients.cloudFormation(), request.stackName, signal);
    if (!stack) throw new MhaError('aws.invalidInput', `There is no stack named ${request.stackName}.`, { nextStep: 'Deploy the stack first.' });
    const target = releaseTargetFromOutputs(request.stackName, stack.Outputs ?? []);

    const bundle = collectBundle(request.bundleDir);
    const zip = writeZip(bundle.files.map((f) => ({ name: f.name, data: fs.readFileSync(f.absolute), modified: f.modified, mode: f.mode })));
    emit({ kind: 'bundle', files: bundle.files.length, bytes: bundle.bytes, zipBytes: zip.length, excluded: bundle.excluded, noteworthy: bundle.noteworthy });
    if (request.confirm && !(await request.confirm({ files: bundle.files.length, zipBytes: zip.length, noteworthy: bundle.noteworthy }))) return { kind: 'declined' };
    throwIfCancelled(signal);

    const put = await clients.s3().send(new PutObjectCommand({
      Bucket: target.sourceBucket, Key: target.sourceKey, Body: zip, ContentType: 'application/zip',
    }), { abortSignal: signal });
    emit({ kind: 'uploaded', bucket: target.sourceBucket, key: target.sourceKey, versionId: put.VersionId });

    if (request.follow === false || !target.pipelineName) {
      if (!target.pipelineName) emit({ kind: 'info', text: 'The stack names no pipeline (PipelineName output); uploaded only.' });
      return { kind: 'uploaded', target, versionId: put.VersionId };
    }
    const release = await followRelease(clients, { target, versionId: put.VersionId, uploadedAt: Date.now(), emit, signal, pollIntervalMs: request.pollIntervalMs });
    return { kind: 'uploaded', target, versionId: put.VersionId, release };
  } catch (error) {
    throw mapAwsError(error, clients.target, `publishing code to ${request.stackName}`);
  }
}
