import {
  DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand, ListStacksCommand, DescribeStackEventsCommand,
  type CloudFormationClient, type Stack, type StackEvent, type StackResource, type StackSummary,
} from '@aws-sdk/client-cloudformation';
import { isStackMissing } from './map-aws-error';

export async function describeStack(cfn: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<Stack | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal: signal });
    return out.Stacks?.[0];
  } catch (error) {
    if (isStackMissing(error)) return undefined;
    throw error;
  }
}

/** The tag every stack deployed by this tool carries; the tree lists these first. */
export const OWNER_TAG = { Key: 'moodle-ha:managed-by', Value: 'moodle-ha-toolkit' };

export function isOurs(stack: Pick<Stack, 'Tags'>): boolean {
  return (stack.Tags ?? []).some((t) => t.Key === OWNER_TAG.Key);
}

/** Every live stack (all pages), ours first, then by name. */
export async function listStacks(cfn: CloudFormationClient, signal?: AbortSignal): Promise<Stack[]> {
  const stacks: Stack[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken: token }), { abortSignal: signal });
    stacks.push(...(page.Stacks ?? []));
    token = page.NextToken;
  } while (token);
  return stacks
    .filter((s) => s.StackStatus !== 'DELETE_COMPLETE')
    .sort((a, b) => Number(isOurs(b)) - Number(isOurs(a)) || (a.StackName ?? '').localeCompare(b.StackName ?? ''));
}

/** Stack summaries including deleted ones (ListStacks keeps them 90 days). */
export async function listStackSummaries(cfn: CloudFormationClient, signal?: AbortSignal): Promise<StackSummary[]> {
  const out: StackSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStacksCommand({ NextToken: token }), { abortSignal: signal });
    out.push(...(page.StackSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

export async function stackResources(cfn: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<StackResource[]> {
  return (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }), { abortSignal: signal })).StackResources ?? [];
}

/** The newest events, up to `limit`, reading more pages only as needed. */
export async function recentEvents(cfn: CloudFormationClient, stackName: string, limit = 50, signal?: AbortSignal): Promise<StackEvent[]> {
  const out: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }), { abortSignal: signal });
    out.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token && out.length < limit);
  return out.slice(0, limit);
}

export async function stackTemplate(cfn: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<string> {
  const out = await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }), { abortSignal: signal });
  return out.TemplateBody ?? '';
}
