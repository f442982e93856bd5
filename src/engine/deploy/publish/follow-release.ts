import { GetPipelineExecutionCommand, GetPipelineStateCommand, ListPipelineExecutionsCommand, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { delay } from '../../common/cancellation';
import type { AwsClientFactory } from '../aws-clients';
import { CodeDeployWatcher, type HookFailure } from './follow-codedeploy';
import type { PublishMessageSink, ReleaseTarget } from './publish-messages';

export interface ReleaseOutcome {
  pipelineStatus: string;
  executionId?: string;
  deploymentId?: string;
  deploymentStatus?: string;
  failure?: HookFailure;
}

export interface FollowOptions {
  target: ReleaseTarget;
  versionId?: string;
  uploadedAt: number;
  emit: PublishMessageSink;
  signal?: AbortSignal;
  pollIntervalMs?: number;
  /** How long to wait for the pipeline to notice the upload. */
  startTimeoutMs?: number;
}

const ENDED = new Set(['Succeeded', 'Failed', 'Stopped', 'Superseded', 'Cancelled']);

/** Follows the pipeline execution our upload started, and the CodeDeploy deployment inside it. */
export async function followRelease(clients: AwsClientFactory, o: FollowOptions): Promise<ReleaseOutcome> {
  const pipeline = clients.codePipeline();
  const name = o.target.pipelineName!;
  const interval = o.pollIntervalMs ?? 3000;
  const opts = { abortSignal: o.signal };

  const execution = await findExecution();
  if (!execution?.pipelineExecutionId) {
    o.emit({ kind: 'info', text: `Pipeline ${name} has not started from this upload yet; follow it in the console.` });
    return { pipelineStatus: 'NotStarted' };
  }
  const executionId = execution.pipelineExecutionId;
  let watcher: CodeDeployWatcher | undefined;
  let deploymentDone = false;
  let lastFingerprint = '';
  for (;;) {
    const [{ pipelineExecution }, state] = await Promise.all([
      pipeline.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: executionId }), opts),
      pipeline.send(new GetPipelineStateCommand({ name }), opts),
    ]);
    const status = pipelineExecution?.status ?? 'Unknown';
    const stages = (state.stageStates ?? []).map((s) => ({
      name: s.stageName ?? '?',
      status: s.latestExecution?.pipelineExecutionId === executionId ? s.latestExecution.status ?? '?' : 'Pending',
    }));
    const fingerprint = JSON.stringify([status, stages]);
    if (fingerprint !== lastFingerprint) o.emit({ kind: 'pipeline', pipeline: name, executionId, status, stages });
    lastFingerprint = fingerprint;

    if (!watcher) {
      const deploymentId = findDeploymentId(state.stageStates ?? [], executionId);
      if (deploymentId) watcher = new CodeDeployWatcher(clients.codeDeploy(), deploymentId, o.emit, o.signal);
    }
    if (watcher && !deploymentDone) deploymentDone = await watcher.look();
    if (ENDED.has(status) && (!watcher || deploymentDone)) {
      return { pipelineStatus: status, executionId, deploymentId: watcher?.deploymentId, deploymentStatus: watcher?.status, failure: watcher?.failure };
    }
    await delay(interval, o.signal);
  }

  async function findExecution(): Promise<PipelineExecutionSummary | undefined> {
    const deadline = Date.now() + (o.startTimeoutMs ?? 5 * 60_000);
    for (;;) {
      const { pipelineExecutionSummaries: list = [] } = await pipeline.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 10 }), opts);
      const ours = list.find((e) => o.versionId
        ? e.sourceRevisions?.some((r) => r.revisionId === o.versionId)
        // Without a version id, the first execution started after the upload (a minute of clock slack).
        : (e.startTime?.valueOf() ?? 0) >= o.uploadedAt - 60_000);
      if (ours) return ours;
      if (Date.now() > deadline) return undefined;
      await delay(interval, o.signal);
    }
  }
}

function findDeploymentId(stages: Array<{ actionStates?: Array<{ latestExecution?: { externalExecutionId?: string; status?: string }; actionName?: string }>; latestExecution?: { pipelineExecutionId?: string } }>, executionId: string): string | undefined {
  for (const stage of stages) {
    if (stage.latestExecution?.pipelineExecutionId !== executionId) continue;
    for (const action of stage.actionStates ?? []) {
      const id = action.latestExecution?.externalExecutionId;
      // CodeDeploy deployment ids look like d-XXXXXXXXX.
      if (id && /^d-[A-Z0-9]{9}$/.test(id)) return id;
    }
  }
  return undefined;
}
