import { ListStackResourcesCommand, type CloudFormationClient, type StackResource } from '@aws-sdk/client-cloudformation';
import { MhaError } from '../../common/errors';
import { describeStack, stackResources, stackTemplate } from '../../deploy/stack-reader';
import { webSizes } from '../../pictures/web-sizes';
import { TemplateModel } from '../../template/template-model';
import { deriveTopology } from '../derive';
import type { HaTopology } from '../types';
import { drawTopologySvg, type ResourceState } from './draw-topology-svg';

export interface DeployedStackPicture {
  svg: string;
  stackStatus: string;
  topology: HaTopology;
  /** Every resource CloudFormation reported, by logical id. */
  resources: Record<string, ResourceState>;
}

/** DescribeStackResources answers at most this many; a bigger stack is read with ListStackResources. */
const DESCRIBE_LIMIT = 100;

/**
 * A deployed stack drawn as its template's topology, each part marked with its resources' real
 * status: the template CloudFormation holds (GetTemplate) and DescribeStackResources, read
 * together. The web tier's sizes come from the stack's own parameter values.
 */
export async function drawDeployedStack(cfn: CloudFormationClient, stackName: string, options: { region?: string; linkFor?: (logicalId: string) => string | undefined; signal?: AbortSignal } = {}): Promise<DeployedStackPicture> {
  const stack = await describeStack(cfn, stackName, options.signal);
  if (!stack) throw new MhaError('usage', `There is no stack named '${stackName}'${options.region ? ` in ${options.region}` : ''}.`, { nextStep: "List the stacks with 'moodle-ha stacks', or choose another region or profile." });
  const [body, listed] = await Promise.all([stackTemplate(cfn, stackName, options.signal), readResources(cfn, stackName, options.signal)]);
  const model = TemplateModel.parse(`stack:${stackName}`, body);
  if (!model.isCloudFormation) throw new MhaError('usage', `The template of '${stackName}' has no Resources section that could be read.`, { nextStep: 'View the stack\'s template to see what CloudFormation holds.' });
  const resources: Record<string, ResourceState> = {};
  for (const r of listed) if (r.LogicalResourceId) resources[r.LogicalResourceId] = { status: r.ResourceStatus ?? 'UNKNOWN', ...(r.ResourceStatusReason ? { reason: r.ResourceStatusReason } : {}) };
  // NoEcho values come back masked; they are never sizes, and are left to the template's defaults.
  const parameters = Object.fromEntries((stack.Parameters ?? []).filter((p) => p.ParameterKey && p.ParameterValue !== undefined && p.ParameterValue !== '****').map((p) => [p.ParameterKey!, p.ParameterValue!]));
  const topology = deriveTopology(model);
  const stackStatus = stack.StackStatus ?? 'UNKNOWN';
  const svg = drawTopologySvg(topology, {
    title: `Stack ${stackName}`,
    subtitle: `${stackStatus}${options.region ? ` · ${options.region}` : ''} · read ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    resourceStatus: resources,
    webSizes: topology.webTier.found ? webSizes(model, topology.webTier.asgLogicalId, parameters) : undefined,
    linkFor: options.linkFor,
  });
  return { svg, stackStatus, topology, resources };
}

async function readResources(cfn: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<Pick<StackResource, 'LogicalResourceId' | 'ResourceStatus' | 'ResourceStatusReason'>[]> {
  const described = await stackResources(cfn, stackName, signal);
  if (described.length < DESCRIBE_LIMIT) return described;
  const all: Pick<StackResource, 'LogicalResourceId' | 'ResourceStatus' | 'ResourceStatusReason'>[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }), { abortSignal: signal });
    all.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}
