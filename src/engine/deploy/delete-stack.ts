import { DeleteStackCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { MhaError } from '../common/errors';
import { isMap, isScalar, entry } from '../template/nodes';
import { TemplateModel } from '../template/template-model';
import type { AwsClientFactory } from './aws-clients';
import type { DeployMessageSink } from './deploy-messages';
import { checkStackName, mapAwsError } from './map-aws-error';
import { startAndMonitor, type MonitorResult } from './stack-monitor';
import { describeStack, stackTemplate } from './stack-reader';

export interface RetainedResource {
  logicalId: string;
  type: string;
  policy: string;
}

export interface DeletePlan {
  stackId: string;
  stackName: string;
  status: string;
  /** Resources CloudFormation leaves behind (DeletionPolicy Retain or Snapshot): they keep costing money. */
  retained: RetainedResource[];
}

/** Looks before deleting: the stack exists, is not protected, and what it will leave behind. */
export async function planDelete(clients: AwsClientFactory, stackName: string, signal?: AbortSignal): Promise<DeletePlan> {
  checkStackName(stackName);
  const cfn = clients.cloudFormation();
  try {
    const stack = await describeStack(cfn, stackName, signal);
    if (!stack) throw new MhaError('aws.invalidInput', `There is no stack named ${stackName} in ${clients.target.region}.`, { nextStep: "List stacks with 'moodle-ha stacks'." });
    if (stack.EnableTerminationProtection) {
      throw new MhaError('aws.stackState', `Stack ${stackName} has termination protection on; it will not be deleted.`, {
        nextStep: `If it really should go, turn protection off first: aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${stackName}`,
      });
    }
    return { stackId: stack.StackId!, stackName, status: stack.StackStatus ?? 'UNKNOWN', retained: retainedResources(await stackTemplate(cfn, stack.StackId!, signal)) };
  } catch (error) {
    throw mapAwsError(error, clients.target, `preparing to delete ${stackName}`);
  }
}

export async function executeDelete(
  clients: AwsClientFactory, plan: DeletePlan, options: { emit: DeployMessageSink; signal?: AbortSignal; pollIntervalMs?: number; idlePollIntervalMs?: number },
): Promise<MonitorResult> {
  const cfn: CloudFormationClient = clients.cloudFormation();
  try {
    return await startAndMonitor(cfn, () => cfn.send(new DeleteStackCommand({ StackName: plan.stackId }), { abortSignal: options.signal }), {
      stackId: plan.stackId, expectedResources: 0, signal: options.signal, emit: options.emit,
      activeIntervalMs: options.pollIntervalMs, idleIntervalMs: options.idlePollIntervalMs,
    });
  } catch (error) {
    throw mapAwsError(error, clients.target, `deleting ${plan.stackName}`);
  }
}

export function retainedResources(templateText: string): RetainedResource[] {
  const model = TemplateModel.parse('deployed.template', templateText);
  const out: RetainedResource[] = [];
  for (const r of model.resources()) {
    const policy = entry(r.node, 'DeletionPolicy')?.value;
    const value = isScalar(policy) ? String(policy.value) : isMap(policy) ? 'conditional' : undefined;
    if (value && value !== 'Delete') out.push({ logicalId: r.logicalId, type: r.type, policy: value });
  }
  return out;
}
