import type { Output, Stack } from '@aws-sdk/client-cloudformation';
import { CancelUpdateStackCommand, ContinueUpdateRollbackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { CancelledError, isCancellation } from '../common/cancellation';
import { MhaError } from '../common/errors';
import { isWebUrl } from '../common/web-url';
import type { TemplateValidator } from '../lint/validator/validator-pool';
import type { AwsClientFactory } from './aws-clients';
import { createChangeSet, deleteChangeSet, executeChangeSet } from './change-set';
import { toResourceChanges, type ChangeSetPreview } from './change-set-preview';
import type { DeployHost } from './deploy-host';
import type { FailureCause } from './deploy-messages';
import type { DeployScope, DeployState } from './deploy-state';
import { lintGate } from './lint-gate';
import { checkStackName, mapAwsError } from './map-aws-error';
import { resolveParameters } from './resolve-parameters';
import { monitorStack, startAndMonitor, type MonitorResult } from './stack-monitor';
import { StackEventPoller } from './stack-event-poller';
import { describeStack, OWNER_TAG } from './stack-reader';
import { StackStatus } from './stack-status';
import { inferCapabilities, templateParameters } from './template-inputs';
import { newTemplateBucketName, templateDelivery, uploadTemplate } from './template-upload';

export interface DeployRequest {
  stackName: string;
  templateFile: string;
  templateText: string;
  /** --param values; everything else is asked, remembered, previous or default. */
  parameters?: Record<string, string>;
  allowLintErrors?: boolean;
  validator?: TemplateValidator;
  /** For templates over 51,200 bytes; else the remembered one, else a new bucket (after asking). */
  templateBucket?: string;
  /** The user's deploy state (never the workspace's); the deploy keeps to the caller's account and region in it. */
  state?: DeployState;
  /**
   * Use remembered parameter values where nothing else gives one, without a prompt. A host that
   * prompts shows them as the suggestion instead; the CLI needs --use-remembered, so that a
   * scripted `--yes` deploy only ever sends what the command line and the template say.
   */
  useRemembered?: boolean;
  signal?: AbortSignal;
  /** Tuning for tests and the benchmark. */
  pollIntervalMs?: number;
  idlePollIntervalMs?: number;
}

export type DeployOutcome =
  | { kind: 'succeeded'; stackId: string; status: StackStatus; outputs: Output[]; siteUrl?: string; monitor: MonitorResult; preview: ChangeSetPreview }
  | { kind: 'failed'; stackId: string; status: StackStatus; cause?: FailureCause; monitor: MonitorResult; preview: ChangeSetPreview }
  | { kind: 'noChanges'; stackName: string }
  | { kind: 'declined'; stackName: string };

/** Create or update a stack the careful way: lint → parameters → change set → confirm → execute → follow. */
export async function deployStack(clients: AwsClientFactory, request: DeployRequest, host: DeployHost): Promise<DeployOutcome> {
  const { stackName, signal } = request;
  checkStackName(stackName);
  const cfn = clients.cloudFormation();
  const doing = `deploying ${stackName}`;
  try {
    // 1. Our linter first: nothing reaches AWS if the template has errors, unless overridden.
    const lint = await lintGate(request.templateFile, request.templateText, {
      validator: request.validator, region: clients.target.region, allowErrors: request.allowLintErrors,
      confirmOverride: host.confirmLintOverride?.bind(host), signal,
    });
    host.emit({ kind: 'lint', errors: lint.errors, warnings: lint.warnings, overridden: lint.overridden });

    const capabilities = inferCapabilities(lint.model);
    if (capabilities.length) host.emit({ kind: 'capabilities', capabilities });

    // 2. The stack as it is now decides CREATE or UPDATE, or a repair first.
    let existing = await describeStack(cfn, stackName, signal);
    existing = await repairIfStuck(clients, existing, host, request);

    // 3. Parameters.
    const scope = await stateScope(clients, request);
    const specs = templateParameters(lint.model);
    const remembered = rememberedFor(scope, request, specs.map((s) => s.key), !!host.promptParameter, host);
    const params = await resolveParameters(specs, {
      given: request.parameters ?? {},
      remembered,
      previousKeys: new Set((existing?.Parameters ?? []).map((p) => p.ParameterKey ?? '')),
      prompt: host.promptParameter,
    });

    // 4. Template delivery: inline, or through S3 when it is too big to inline.
    const delivery = templateDelivery(request.templateText);
    let templateUrl: string | undefined;
    if (delivery.kind === 'url') templateUrl = await uploadThroughS3(clients, request, host, delivery.bytes, scope);

    // 5. Change set.
    const type = existing && StackStatus.of(existing.StackStatus).existsForUpdate ? 'UPDATE' : 'CREATE';
    const changeSet = await createChangeSet(cfn, {
      stackName, type, templateBody: templateUrl ? undefined : request.templateText, templateUrl,
      parameters: params.sdk, capabilities: capabilities.map((c) => c.capability), tags: [OWNER_TAG], signal,
    });
    if (changeSet.empty) {
      host.emit({ kind: 'info', text: `No changes: stack ${stackName} already matches the template and parameters. The empty change set was deleted.` });
      return { kind: 'noChanges', stackName };
    }
    const preview: ChangeSetPreview = {
      stackName, changeSetName: changeSet.name, changeSetId: changeSet.id, type,
      changes: toResourceChanges(changeSet.changes), parameters: params.shown, capabilities: capabilities.map((c) => c.capability),
    };
    host.emit({ kind: 'changeSet', preview });

    // 6. Nothing changes until the user says so.
    if (!(await host.confirmChangeSet(preview))) {
      await deleteChangeSet(cfn, stackName, changeSet.id!, signal);
      // A declined first create leaves an empty REVIEW_IN_PROGRESS stack behind; tidy it away.
      if (type === 'CREATE') await cfn.send(new DeleteStackCommand({ StackName: changeSet.stackId ?? stackName }), { abortSignal: signal });
      host.emit({ kind: 'info', text: 'Change set discarded; nothing was changed.' });
      return { kind: 'declined', stackName };
    }
    scope?.rememberParameters(stackName, params.values, new Set(specs.filter((s) => s.noEcho).map((s) => s.key)), request.templateFile);

    // 7. Execute and follow.
    const stackId = changeSet.stackId ?? existing?.StackId ?? stackName;
    const startTime = Date.now();
    const poller = new StackEventPoller(cfn, { stackName: stackId, startTime, signal });
    await poller.skipExisting();
    await executeChangeSet(cfn, stackName, changeSet.id!, signal);
    const monitor = await follow(clients, { stackId, startTime, poller, expected: preview.changes.length, type, host, request });

    // 8. The outcome.
    if (!monitor.status.isSuccess) {
      return { kind: 'failed', stackId, status: monitor.status, cause: monitor.firstFailure, monitor, preview };
    }
    const after = await describeStack(cfn, stackId, signal);
    const outputs = after?.Outputs ?? [];
    return { kind: 'succeeded', stackId, status: monitor.status, outputs, siteUrl: siteUrlOf(outputs), monitor, preview };
  } catch (error) {
    throw mapAwsError(error, clients.target, doing);
  }
}

/**
 * The output a person wants to open: SiteUrl by name, else the first http(s) URL. Only http(s):
 * an output is the template's text, and file:, vscode: or command: links must never be opened.
 */
export function siteUrlOf(outputs: Output[]): string | undefined {
  const web = outputs.filter((o) => isWebUrl(o.OutputValue));
  return (web.find((o) => /^(SiteUrl|SiteURL|MoodleUrl|WebsiteURL|Url|URL)$/.test(o.OutputKey ?? '')) ?? web[0])?.OutputValue;
}

async function stateScope(clients: AwsClientFactory, request: DeployRequest): Promise<DeployScope | undefined> {
  if (!request.state) return undefined;
  const { account } = await clients.callerIdentity(request.signal);
  return request.state.scope(account, clients.target.region);
}

/** Remembered values reach a prompt as suggestions; without one, only when the caller asked for them. */
function rememberedFor(scope: DeployScope | undefined, request: DeployRequest, keys: string[], prompts: boolean, host: DeployHost): Record<string, string> {
  const all = scope?.rememberedParameters(request.stackName) ?? {};
  const relevant = keys.filter((k) => Object.hasOwn(all, k) && !Object.hasOwn(request.parameters ?? {}, k));
  if (prompts || request.useRemembered) {
    if (!prompts && relevant.length) host.emit({ kind: 'info', text: `Using remembered values for ${relevant.join(', ')} (--use-remembered).` });
    return all;
  }
  if (relevant.length) host.emit({ kind: 'info', text: `Not using the values remembered for ${relevant.join(', ')}: pass --use-remembered to use them, or --param to give them.` });
  return {};
}

async function follow(
  clients: AwsClientFactory,
  o: { stackId: string; startTime: number; poller: StackEventPoller; expected: number; type: 'CREATE' | 'UPDATE'; host: DeployHost; request: DeployRequest },
): Promise<MonitorResult> {
  const cfn = clients.cloudFormation();
  try {
    return await monitorStack(cfn, {
      stackId: o.stackId, startTime: o.startTime, poller: o.poller, expectedResources: o.expected, signal: o.request.signal,
      emit: o.host.emit, activeIntervalMs: o.request.pollIntervalMs, idleIntervalMs: o.request.idlePollIntervalMs,
    });
  } catch (error) {
    if (!isCancellation(error)) throw error;
    if (o.type === 'UPDATE') {
      // The caller's signal is already aborted; this one request must still go out.
      try {
        await cfn.send(new CancelUpdateStackCommand({ StackName: o.stackId }));
        o.host.emit({ kind: 'info', text: 'Cancel requested: CloudFormation is rolling the update back. Follow it in the stack view.' });
      } catch (cancelError) {
        o.host.emit({ kind: 'info', text: `Stopped following, but CloudFormation refused to cancel the update (${(cancelError as Error).message}); it continues.` });
      }
    } else {
      o.host.emit({ kind: 'info', text: 'Stopped following. A create cannot be cancelled; it continues in CloudFormation (delete the stack to undo it).' });
    }
    throw new CancelledError();
  }
}

async function repairIfStuck(clients: AwsClientFactory, existing: Stack | undefined, host: DeployHost, request: DeployRequest): Promise<Stack | undefined> {
  if (!existing) return undefined;
  const cfn = clients.cloudFormation();
  const status = StackStatus.of(existing.StackStatus, existing.StackStatusReason);
  if (status.isInProgress) {
    throw new MhaError('aws.stackState', `Stack ${request.stackName} is busy (${status.name}).`, { nextStep: 'Wait for the current operation to finish, then deploy again.' });
  }
  if (status.needsRecreate) {
    const why = `Stack ${request.stackName} is in ${status.name}: its first create failed and was rolled back, and CloudFormation cannot update such a stack. It must be deleted and created again.`;
    if (!(await host.confirmRecreate?.(request.stackName, status.name))) {
      throw new MhaError('aws.stackState', why, { nextStep: `Delete it ('moodle-ha delete --stack ${request.stackName}') and deploy again.` });
    }
    host.emit({ kind: 'info', text: `${why} Deleting it now.` });
    const result = await startAndMonitor(cfn, () => cfn.send(new DeleteStackCommand({ StackName: existing.StackId }), { abortSignal: request.signal }), {
      stackId: existing.StackId!, expectedResources: 0, signal: request.signal, emit: host.emit,
      activeIntervalMs: request.pollIntervalMs, idleIntervalMs: request.idlePollIntervalMs });
    if (!result.status.isDeleted) throw new MhaError('aws.stackState', `Deleting ${request.stackName} ended in ${result.status}.`, { nextStep: 'Look at the stack events, fix the cause, and delete it again.' });
    return undefined;
  }
  if (status.name === 'UPDATE_ROLLBACK_FAILED') {
    if (!(await host.confirmContinueRollback?.(request.stackName, existing.StackStatusReason))) {
      throw new MhaError('aws.stackState', `Stack ${request.stackName} is in UPDATE_ROLLBACK_FAILED and cannot be updated until its rollback completes.`, {
        nextStep: 'Fix what blocked the rollback, then continue it (the deploy command offers to), or skip the stuck resources in the console.',
      });
    }
    const result = await startAndMonitor(cfn, () => cfn.send(new ContinueUpdateRollbackCommand({ StackName: existing.StackId }), { abortSignal: request.signal }), {
      stackId: existing.StackId!, expectedResources: 0, signal: request.signal, emit: host.emit,
      activeIntervalMs: request.pollIntervalMs, idleIntervalMs: request.idlePollIntervalMs });
    if (result.status.name !== 'UPDATE_ROLLBACK_COMPLETE') {
      throw new MhaError('aws.stackState', `Continuing the rollback ended in ${result.status}.`, { nextStep: result.firstFailure ? `${result.firstFailure.logicalId}: ${result.firstFailure.reason}` : undefined });
    }
    return describeStack(cfn, existing.StackId!, request.signal);
  }
  return existing;
}

async function uploadThroughS3(clients: AwsClientFactory, request: DeployRequest, host: DeployHost, bytes: number, scope: DeployScope | undefined): Promise<string> {
  const region = clients.target.region;
  const remembered = scope?.templateBucket();
  const bucket = request.templateBucket ?? remembered ?? newTemplateBucketName(region);
  // Every S3 call names the account that must own the bucket: a bucket of the same name in another
  // account (a typo, or a name someone else registered first) gets an error, not our template.
  const { account } = await clients.callerIdentity(request.signal);
  const { url, key } = await uploadTemplate(clients.s3(), {
    bucket, stackName: request.stackName, text: request.templateText, region, expectedOwner: account || undefined,
    confirmCreateBucket: host.confirmCreateBucket?.bind(host), signal: request.signal,
  });
  if (!request.templateBucket && !remembered) scope?.rememberTemplateBucket(bucket);
  host.emit({ kind: 'upload', bucket, key, bytes });
  return url;
}
