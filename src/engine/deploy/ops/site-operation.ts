import { DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { CancelCommandCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { isCancellation } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import type { AwsClientFactory } from '../aws-clients';
import { mapAwsError } from '../map-aws-error';
import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { describeStack } from '../stack-reader';
import { checkFleetCode, type NodeCode } from './fleet-code-check';
import { followInvocation } from './follow-invocation';
import { explainExitCode, type SiteOperation } from './site-operation-messages';

export type { SiteOperation } from './site-operation-messages';

/** What a site operation tells its host, as data (the CLI prints it). */
export type SiteOperationMessage =
  | { kind: 'target'; document: string; instanceId: string; candidates: number }
  | { kind: 'sent'; commandId: string }
  | { kind: 'status'; status: string; detail?: string }
  | { kind: 'cancelling'; commandId: string }
  /** upgrade only: every running web server runs the same code (notChecked says what could not be checked). */
  | { kind: 'fleet'; codeVersion: string; deployment?: string; nodes: NodeCode[]; notChecked: string[] }
  /** upgrade only: the fleet was not checked at all, and why. */
  | { kind: 'fleet-unchecked'; reason: string };

export interface SiteOperationRequest {
  stackName: string;
  operation: SiteOperation;
  /** install only: drop the tables of a half-finished install first (the document's ResetPartial parameter). */
  resetPartial?: boolean;
  /** migrate-restore only: the uploaded site's key prefix in the artifact bucket (migrate/<name>). */
  prefix?: string;
  /** One web server; default: the longest-running web server of the stack's Auto Scaling group. */
  instanceId?: string;
  emit: (message: SiteOperationMessage) => void;
  signal?: AbortSignal;
  pollIntervalMs?: number;
}

export interface SiteOperationOutcome {
  commandId: string;
  instanceId: string;
  /** SSM's final status: Success, Failed, Cancelled, TimedOut, … */
  status: string;
  exitCode?: number;
  output: string;
  errorOutput: string;
  /** What the exit code means, for the user (undefined on success). */
  explanation?: string;
}

const DOCUMENT_OUTPUT: Record<SiteOperation, string> = { install: 'InstallDocumentName', upgrade: 'UpgradeDocumentName', 'migrate-restore': 'MigrateRestoreDocumentName' };

/**
 * Runs the stack's install, upgrade or migration-restore SSM document (ops/install.sh, upgrade.sh,
 * migrate-restore.sh) on ONE web server and follows it to the end. Aborting the signal cancels the
 * command on the instance.
 */
export async function runSiteOperation(clients: AwsClientFactory, request: SiteOperationRequest): Promise<SiteOperationOutcome> {
  const { signal, emit } = request;
  if (request.resetPartial && request.operation !== 'install') throw new MhaError('usage', '--reset-partial applies to site install only.');
  if ((request.prefix !== undefined) !== (request.operation === 'migrate-restore')) throw new MhaError('usage', 'A key prefix goes with the migration\'s restore, and only with it.');
  let commandId: string | undefined;
  let instanceId = request.instanceId ?? '';
  try {
    const stack = await describeStack(clients.cloudFormation(), request.stackName, signal);
    if (!stack) throw new MhaError('aws.invalidInput', `There is no stack named ${request.stackName}.`, { nextStep: 'Deploy the stack first.' });
    const outputKey = DOCUMENT_OUTPUT[request.operation];
    const document = stack.Outputs?.find((o) => o.OutputKey === outputKey)?.OutputValue;
    if (!document) {
      throw new MhaError('aws.stackState', `Stack ${request.stackName} has no ${outputKey} output, so there is no ${request.operation} operation to run.`, {
        nextStep: 'Scaffold the template again with this version of moodle-ha (it adds the SSM documents) and update the stack.',
      });
    }
    const candidates = await webServers(clients, request.stackName, request.instanceId, signal);
    instanceId = candidates[0].InstanceId!;
    if (request.operation === 'upgrade') {
      // Every running web server, not only the one --instance names: the upgrade changes the database for all.
      const fleet = request.instanceId ? await webServers(clients, request.stackName, undefined, signal) : candidates;
      const report = await checkFleetCode(clients, { stackName: request.stackName, outputs: stack.Outputs ?? [], instanceIds: fleet.map((i) => i.InstanceId!), signal, pollIntervalMs: request.pollIntervalMs });
      emit(report
        ? { kind: 'fleet', codeVersion: report.codeVersion, deployment: report.deployment, nodes: report.nodes, notChecked: report.notChecked }
        : { kind: 'fleet-unchecked', reason: 'the stack has no CodeVersionDocumentName output (scaffolded before moodle-ha checked the fleet), so nothing confirmed that every web server runs the new code' });
    }
    emit({ kind: 'target', document, instanceId, candidates: candidates.length });

    const sent = await clients.ssm().send(new SendCommandCommand({
      DocumentName: document,
      InstanceIds: [instanceId],
      Comment: `moodle-ha site ${request.operation}`.slice(0, 100),
      Parameters: request.resetPartial ? { ResetPartial: ['yes'] } : request.prefix !== undefined ? { Prefix: [request.prefix] } : undefined,
    }), { abortSignal: signal });
    commandId = sent.Command?.CommandId;
    if (!commandId) throw new MhaError('internal', 'SSM accepted the command but returned no command id.');
    emit({ kind: 'sent', commandId });
    const final = await followInvocation(clients, commandId, instanceId, {
      signal, pollIntervalMs: request.pollIntervalMs, onStatus: (status, detail) => emit({ kind: 'status', status, detail }),
    });
    const exitCode = final.ResponseCode === undefined || final.ResponseCode < 0 ? undefined : final.ResponseCode;
    const status = final.Status ?? 'Unknown';
    return {
      commandId, instanceId, status, exitCode,
      output: final.StandardOutputContent ?? '',
      errorOutput: final.StandardErrorContent ?? '',
      explanation: status === 'Success' ? undefined : explainExitCode(request.operation, status, exitCode),
    };
  } catch (error) {
    if (isCancellation(error) && commandId) {
      emit({ kind: 'cancelling', commandId });
      // Not with the aborted signal: the cancel itself must still reach SSM.
      await clients.ssm().send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [instanceId] })).catch(() => undefined);
    }
    throw mapAwsError(error, clients.target, `running site ${request.operation} on ${request.stackName}`);
  }
}

/** The stack's running web servers (instances of its Auto Scaling groups), longest-running first. */
async function webServers(clients: AwsClientFactory, stackName: string, wanted: string | undefined, signal?: AbortSignal): Promise<Instance[]> {
  const resources = await clients.cloudFormation().send(new DescribeStackResourcesCommand({ StackName: stackName }), { abortSignal: signal });
  const groups = (resources.StackResources ?? []).filter((r) => r.ResourceType === 'AWS::AutoScaling::AutoScalingGroup' && r.PhysicalResourceId).map((r) => r.PhysicalResourceId!);
  if (!groups.length) throw new MhaError('aws.stackState', `Stack ${stackName} has no Auto Scaling group, so it has no web server to run the operation on.`);
  const filters = [
    { Name: 'tag:aws:autoscaling:groupName', Values: groups },
    { Name: 'instance-state-name', Values: ['running'] },
  ];
  const found: Instance[] = [];
  let token: string | undefined;
  do {
    const page = await clients.ec2().send(new DescribeInstancesCommand({ Filters: filters, NextToken: token }), { abortSignal: signal });
    for (const r of page.Reservations ?? []) found.push(...(r.Instances ?? []));
    token = page.NextToken;
  } while (token);
  const chosen = wanted ? found.filter((i) => i.InstanceId === wanted) : found;
  if (!chosen.length) {
    throw new MhaError('aws.stackState', wanted
      ? `Instance ${wanted} is not a running web server of stack ${stackName}.`
      : `Stack ${stackName} has no running web server to run the operation on.`, {
      nextStep: wanted ? 'Leave out --instance to let moodle-ha choose one.' : 'Wait until the Auto Scaling group has an instance in service, then try again.',
    });
  }
  return chosen.sort((a, b) => (a.LaunchTime?.getTime() ?? 0) - (b.LaunchTime?.getTime() ?? 0) || (a.InstanceId ?? '').localeCompare(b.InstanceId ?? ''));
}
