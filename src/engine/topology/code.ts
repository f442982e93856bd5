import { asString, at, entry, isSeq } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { refTarget, refTargets } from './references';
import type { CodeDeliveryInfo, Known, Part, WebTierInfo } from './types';

/** How identical code reaches every node: a CodeDeploy deployment group and/or a CodePipeline. */
export function deriveCode(model: TemplateModel, web: Part<WebTierInfo>): Part<CodeDeliveryInfo> {
  const apps = model.resourcesOfType('AWS::CodeDeploy::Application');
  const groups = model.resourcesOfType('AWS::CodeDeploy::DeploymentGroup');
  const pipelines = model.resourcesOfType('AWS::CodePipeline::Pipeline');
  if (!apps.length && !groups.length && !pipelines.length) {
    return { found: false, reason: 'No AWS::CodeDeploy::Application, DeploymentGroup or AWS::CodePipeline::Pipeline in Resources.' };
  }
  const asgId = web.found ? web.asgLogicalId : undefined;
  const group = groups.find((g) => asgId && refTargets(at(g.properties, ['AutoScalingGroups'])).includes(asgId)) ?? groups[0];
  const pipeline = pipelines[0];
  return {
    found: true,
    codeDeployApplicationId: (group && refTarget(at(group.properties, ['ApplicationName']))) ?? apps[0]?.logicalId,
    deploymentGroupId: group?.logicalId,
    deploymentGroupTargetsWebTier: group ? targetsWebTier(group.properties, asgId) : false,
    pipelineId: pipeline?.logicalId,
    sourceKind: pipeline ? sourceKind(pipeline.properties) : undefined,
    deploymentGroupPath: group?.path,
  };
}

function targetsWebTier(props: ReturnType<typeof at>, asgId: string | undefined): Known<boolean> {
  const groups = at(props, ['AutoScalingGroups']);
  if (asgId && refTargets(groups).includes(asgId)) return true;
  // Tag filters can match the group's instances when its tags propagate; that is not knowable here.
  if (entry(props?.kind === 'map' ? props : undefined, 'Ec2TagFilters') || (groups && !isSeq(groups))) return 'unknown';
  return false;
}

function sourceKind(props: ReturnType<typeof at>): CodeDeliveryInfo['sourceKind'] {
  const stages = at(props, ['Stages']);
  const first = isSeq(stages) ? stages.items[0] : undefined;
  const actions = at(first, ['Actions']);
  const provider = isSeq(actions) ? asString(at(actions.items[0], ['ActionTypeId', 'Provider'])) : undefined;
  if (provider === 'S3') return 'S3';
  if (provider === 'CodeCommit') return 'CodeCommit';
  if (provider === 'GitHub' || provider === 'CodeStarSourceConnection') return 'GitHub';
  return 'other';
}
