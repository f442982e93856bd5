import type { Output } from '@aws-sdk/client-cloudformation';
import { GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { SendCommandCommand } from '@aws-sdk/client-ssm';
import { MhaError } from '../../common/errors';
import type { AwsClientFactory } from '../aws-clients';
import { followInvocation } from './follow-invocation';

/** What one web server said about its code (the template's CodeVersionDocument). */
export interface NodeCode {
  instanceId: string;
  status: string;
  /** $version of the code's version.php; 'none' when the node has no code. */
  codeVersion?: string;
  /** The CodeDeploy deployment the node's after-install hook recorded ('' when the bundle predates the record). */
  deployment?: string;
}

export interface FleetCodeReport {
  nodes: NodeCode[];
  codeVersion: string;
  /** The deployment every node runs, when every node recorded one. */
  deployment?: string;
  /** What was not checked, in words (empty when everything was). */
  notChecked: string[];
}

export interface FleetCodeRequest {
  stackName: string;
  outputs: Output[];
  /** Every running web server of the stack. */
  instanceIds: string[];
  signal?: AbortSignal;
  pollIntervalMs?: number;
}

/** SSM's SendCommand takes at most 50 instance ids per call. */
const SSM_INSTANCE_BATCH = 50;
const RUNNING_DEPLOYMENT = new Set(['Created', 'Queued', 'InProgress', 'Baking', 'Ready']);

/**
 * Before a database upgrade: asks every running web server which code it runs, and refuses (an
 * MhaError listing each difference) unless all run the same version from the same deployment,
 * which is the deployment group's last successful one and none is still running. Returns
 * undefined when the stack has no CodeVersionDocument (nothing checked; the caller says so).
 */
export async function checkFleetCode(clients: AwsClientFactory, request: FleetCodeRequest): Promise<FleetCodeReport | undefined> {
  const output = (key: string) => request.outputs.find((o) => o.OutputKey === key)?.OutputValue || undefined;
  const document = output('CodeVersionDocumentName');
  if (!document) return undefined;

  const nodes = await askEveryNode(clients, document, request);
  const problems: string[] = [];
  const notChecked: string[] = [];
  for (const n of nodes) {
    if (n.status !== 'Success' || !n.codeVersion) problems.push(`${n.instanceId} did not say which code it runs (SSM ${n.status}).`);
    else if (n.codeVersion === 'none') problems.push(`${n.instanceId} has no Moodle code yet.`);
  }
  const versions = distinct(nodes.map((n) => n.codeVersion).filter((v): v is string => !!v && v !== 'none'));
  if (versions.length > 1) problems.push(`The web servers run different code versions: ${describeBy(nodes, (n) => n.codeVersion)}.`);

  const recorded = nodes.filter((n) => n.deployment && n.deployment !== 'unknown');
  let deployment: string | undefined;
  if (recorded.length < nodes.length) {
    notChecked.push(`which deployment ${nodes.length - recorded.length} of ${nodes.length} web server(s) run (their bundle does not record it; publish with this version of moodle-ha)`);
  } else {
    const ids = distinct(recorded.map((n) => n.deployment!));
    if (ids.length > 1) problems.push(`The web servers run code from different deployments: ${describeBy(nodes, (n) => n.deployment)}.`);
    else deployment = ids[0];
  }

  const application = output('CodeDeployApplicationName');
  const group = output('DeploymentGroupName');
  if (!application || !group) {
    notChecked.push("the deployment group's last deployment (the stack has no CodeDeployApplicationName/DeploymentGroupName output)");
  } else {
    const info = (await clients.codeDeploy().send(new GetDeploymentGroupCommand({ applicationName: application, deploymentGroupName: group }), { abortSignal: request.signal })).deploymentGroupInfo;
    const attempted = info?.lastAttemptedDeployment;
    const succeeded = info?.lastSuccessfulDeployment?.deploymentId;
    if (attempted?.status && RUNNING_DEPLOYMENT.has(attempted.status)) {
      problems.push(`Deployment ${attempted.deploymentId} is still ${attempted.status}.`);
    } else if (attempted?.deploymentId && attempted.deploymentId !== succeeded) {
      problems.push(`The last deployment, ${attempted.deploymentId}, ended ${attempted.status ?? 'without success'}.`);
    }
    if (deployment && succeeded && deployment !== succeeded) {
      problems.push(`The web servers run deployment ${deployment}, but the last successful deployment is ${succeeded}.`);
    }
    if (!succeeded) notChecked.push('that the web servers run the last successful deployment (the deployment group has none)');
  }

  if (problems.length) {
    throw new MhaError('aws.stackState', `Not upgrading ${request.stackName}: the deployment has not reached every web server.\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      nextStep: 'Wait for the deployment to finish on every server (moodle-ha publish follows it), or publish again; then run site upgrade again. Nothing was changed.',
    });
  }
  return { nodes, codeVersion: versions[0], deployment, notChecked };
}

async function askEveryNode(clients: AwsClientFactory, document: string, request: FleetCodeRequest): Promise<NodeCode[]> {
  const nodes: NodeCode[] = [];
  for (let i = 0; i < request.instanceIds.length; i += SSM_INSTANCE_BATCH) {
    const batch = request.instanceIds.slice(i, i + SSM_INSTANCE_BATCH);
    const sent = await clients.ssm().send(new SendCommandCommand({
      DocumentName: document, InstanceIds: batch, Comment: 'moodle-ha site upgrade: which code runs here',
    }), { abortSignal: request.signal });
    const commandId = sent.Command?.CommandId;
    if (!commandId) throw new MhaError('internal', 'SSM accepted the command but returned no command id.');
    for (const instanceId of batch) {
      const invocation = await followInvocation(clients, commandId, instanceId, { signal: request.signal, pollIntervalMs: request.pollIntervalMs });
      nodes.push({ instanceId, status: invocation.Status ?? 'Unknown', ...parseCodeVersion(invocation.StandardOutputContent ?? '') });
    }
  }
  return nodes;
}

/** Reads the CodeVersionDocument's two lines (see src/engine/scaffold/cfn/operations.ts). */
export function parseCodeVersion(output: string): Pick<NodeCode, 'codeVersion' | 'deployment'> {
  const line = (key: string) => output.split('\n').find((l) => l.startsWith(`${key}: `))?.slice(key.length + 2).trim();
  const codeVersion = line('moodle-ha-code-version');
  return { codeVersion: codeVersion || undefined, deployment: line('moodle-ha-deployment') };
}

const distinct = <T>(values: T[]) => [...new Set(values)];

function describeBy(nodes: NodeCode[], key: (n: NodeCode) => string | undefined): string {
  const groups = new Map<string, string[]>();
  for (const n of nodes) groups.set(key(n) || '?', [...(groups.get(key(n) || '?') ?? []), n.instanceId]);
  return [...groups].map(([value, ids]) => `${value} on ${ids.join(', ')}`).join('; ');
}
