import { asNumber, asString, at, entry, toPlain, type TNode } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { amiRequiresImdsV2 } from './ami-defaults';
import { countListedAzs, countSubnetAzs } from './availability-zones';
import { branches } from './conditions';
import { helperRole, type HelperRole } from './group-roles';
import { parameter, refTarget, refTargets } from './references';
import { cfnInitText } from './cfn-init-text';
import { renderText } from './user-data';
import type { Known, LaunchAlternative, Part, ScheduledActionInfo, WebTierInfo } from './types';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';

export interface WebTierContext {
  /** Groups a CodeDeploy deployment group in a sibling stack deploys to (resolved through the parent). */
  deployedToFromElsewhere?: Set<string>;
}

interface Candidate {
  asg: ResourceView;
  launches: LaunchView[];
  script: string;
  score: number;
  evidence: string[];
  role?: HelperRole;
}

interface LaunchView { resource: ResourceView; when: string[] }

/**
 * The Auto Scaling group that runs Moodle. Helpers are set aside first (groups that terminate
 * themselves after a job, ECS container hosts, bastions, NAT instances); of the rest, the group
 * with the most evidence wins: behind a load balancer, booting PHP or Moodle, deployed to by
 * CodeDeploy. A lone group without evidence is still taken: in a Moodle stack it can only be the
 * web tier, and the rules then say what it lacks.
 */
export function deriveWebTier(model: TemplateModel, context: WebTierContext = {}): Part<WebTierInfo> {
  const groups = model.resourcesOfType(ASG);
  if (!groups.length) return { found: false, reason: 'No AWS::AutoScaling::AutoScalingGroup in Resources: Moodle runs on a fixed set of instances (or none).' };
  const deployed = deploymentTargets(model, context);
  const candidates = groups.map((g) => candidate(model, g, deployed));
  const helpers = candidates.filter((c) => c.role);
  const others = candidates.filter((c) => !c.role).sort((a, b) => b.score - a.score);
  const chosen = others[0] && (others[0].score > 0 || others.length === 1) ? others[0] : undefined;
  const otherGroups = candidates.filter((c) => c !== chosen).map((c) => ({ logicalId: c.asg.logicalId, role: c.role ?? 'not the web tier: less evidence than ' + (chosen?.asg.logicalId ?? 'none') }));
  if (!chosen) {
    const listed = helpers.map((h) => `${h.asg.logicalId} (${h.role})`).concat(others.map((o) => `${o.asg.logicalId} (no load balancer, PHP/Moodle or CodeDeploy)`));
    return { found: false, reason: `No Auto Scaling group runs Moodle's web tier: ${listed.join(', ')}.` };
  }
  return { found: true, ...readWebTier(model, chosen, groups.length, otherGroups) };
}

function deploymentTargets(model: TemplateModel, context: WebTierContext): Set<string> {
  const ids = new Set(context.deployedToFromElsewhere ?? []);
  for (const dg of model.resourcesOfType('AWS::CodeDeploy::DeploymentGroup')) for (const id of refTargets(at(dg.properties, ['AutoScalingGroups']))) ids.add(id);
  return ids;
}

function candidate(model: TemplateModel, asg: ResourceView, deployed: Set<string>): Candidate {
  const launches = launchResources(model, asg);
  const script = launches.map((l) => bootText(l.resource)).join('\n');
  const imageText = launches.map((l) => JSON.stringify(toPlain(at(launchDataOf(l.resource), ['ImageId'])) ?? '') + imageParameterDefaults(model, l.resource)).join(' ');
  const evidence: string[] = [];
  let score = 0;
  const props = asg.properties;
  if (entry(props, 'TargetGroupARNs') || entry(props, 'LoadBalancerNames')) { score += 4; evidence.push('it is behind the load balancer'); }
  if (deployed.has(asg.logicalId)) { score += 3; evidence.push('CodeDeploy deploys to it'); }
  if (/moodle/i.test(script)) { score += 2; evidence.push('its boot script sets up Moodle'); } else if (/\bphp/i.test(script)) { score += 1; evidence.push('its boot script installs PHP'); }
  return { asg, launches, script, score, evidence, role: helperRole(model, asg, script, imageText) };
}

function readWebTier(model: TemplateModel, chosen: Candidate, groupCount: number, otherGroups: Array<{ logicalId: string; role: string }>): WebTierInfo {
  const { asg, launches, script } = chosen;
  const props = asg.properties;
  const launch = launches[0]?.resource;
  const launchData = launch ? launchDataOf(launch) : undefined;
  const texts = launches.map((l) => renderText(at(launchDataOf(l.resource), ['UserData']))).filter((t): t is string => t !== undefined);
  const userData = texts.length ? texts.join('\n') : undefined;
  const metadata = launches.map((l) => at(l.resource.node, ['Metadata', 'AWS::CloudFormation::Init'])).filter((m) => m !== undefined);
  const bootstrapMetadata = metadata.length ? metadata.map((m) => JSON.stringify(toPlain(m))).join('\n') : undefined;
  const initTexts = metadata.map((m) => cfnInitText(m)).filter((t): t is string => t !== undefined);
  const alternatives: LaunchAlternative[] = launches.map((l) => launchAlternative(model, l, launches.length));
  const placement = entry(props, 'VPCZoneIdentifier') ? 'VPCZoneIdentifier' : entry(props, 'AvailabilityZones') ? 'AvailabilityZones' : undefined;
  return {
    asgLogicalId: asg.logicalId,
    launchTemplateId: launch?.type === LAUNCH_TEMPLATE ? launch.logicalId : undefined,
    launchConfigurationId: launch?.type === 'AWS::AutoScaling::LaunchConfiguration' ? launch.logicalId : undefined,
    minSize: knownNumber(at(props, ['MinSize'])),
    maxSize: knownNumber(at(props, ['MaxSize'])),
    desiredCapacity: knownNumber(at(props, ['DesiredCapacity'])),
    azCount: placement === 'VPCZoneIdentifier' ? countSubnetAzs(model, at(props, ['VPCZoneIdentifier']))
      : placement === 'AvailabilityZones' ? countListedAzs(model, at(props, ['AvailabilityZones'])) : 'unknown',
    healthCheckType: healthCheckType(at(props, ['HealthCheckType'])),
    targetGroupIds: refTargets(at(props, ['TargetGroupARNs'])),
    scheduledActions: scheduledActions(model, asg.logicalId, groupCount),
    scalingPolicyIds: attachedTo(model, 'AWS::AutoScaling::ScalingPolicy', asg.logicalId, groupCount).map((r) => r.logicalId),
    imdsV2Required: combineImds(alternatives),
    userData,
    webServer: /\bnginx\b/.test(script) ? 'nginx' : /\b(httpd|apache2?)\b/.test(script) ? 'apache' : 'unknown',
    codeDeployAgentInstalled: script ? /codedeploy-agent|aws-codedeploy-|codedeploy.*\/install\b/i.test(script) : 'unknown',
    asgPath: asg.path,
    launchPath: launch?.path,
    placementPath: placement ? [...asg.path, 'Properties', placement] : undefined,
    classicLoadBalancerIds: refTargets(at(props, ['LoadBalancerNames'])),
    instanceSecurityGroupIds: refTargets(at(launchData, [launch?.type === LAUNCH_TEMPLATE ? 'SecurityGroupIds' : 'SecurityGroups'])),
    installedDatabasePackage: installedDatabasePackage(script),
    fetchesVersionedBundle: fetchesVersionedBundle(script),
    bootstrapMetadata,
    bootstrapText: initTexts.length ? initTexts.join('\n') : undefined,
    launchAlternatives: alternatives,
    selectedBecause: chosen.evidence.length ? chosen.evidence.join(', ') : 'it is the only Auto Scaling group',
    otherGroups,
  };
}

function launchDataOf(launch: ResourceView): TNode | undefined {
  return launch.type === LAUNCH_TEMPLATE ? at(launch.properties, ['LaunchTemplateData']) : launch.properties;
}

function bootText(launch: ResourceView): string {
  const userData = renderText(at(launchDataOf(launch), ['UserData']));
  const init = at(launch.node, ['Metadata', 'AWS::CloudFormation::Init']);
  return [userData, init ? JSON.stringify(toPlain(init)) : undefined].filter(Boolean).join('\n');
}

/** SSM parameter defaults behind the ImageId, where ECS-optimised AMIs show themselves. */
function imageParameterDefaults(model: TemplateModel, launch: ResourceView): string {
  return branches(at(launchDataOf(launch), ['ImageId'])).map((b) => {
    const id = refTarget(b.node);
    return id ? asString(parameter(model, id)?.defaultNode) ?? '' : '';
  }).join(' ');
}

/** The launch templates/configurations a group uses, following `Fn::If` to every alternative. */
function launchResources(model: TemplateModel, asg: ResourceView): LaunchView[] {
  const out: LaunchView[] = [];
  const add = (node: TNode | undefined, when: string[]) => {
    const id = refTarget(node);
    const resource = id ? model.resource(id) : undefined;
    if (resource && !out.some((o) => o.resource.logicalId === resource.logicalId)) out.push({ resource, when });
  };
  const props = asg.properties;
  for (const specNode of [at(props, ['LaunchTemplate']), at(props, ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification'])]) {
    for (const spec of branches(specNode)) {
      for (const idNode of branches(at(spec.node, ['LaunchTemplateId']) ?? at(spec.node, ['LaunchTemplateName']), spec.when)) add(idNode.node, idNode.when);
    }
  }
  for (const b of branches(at(props, ['LaunchConfigurationName']))) add(b.node, b.when);
  return out;
}

function launchAlternative(model: TemplateModel, launch: LaunchView, count: number): LaunchAlternative {
  const data = launchDataOf(launch.resource);
  const amiV2 = amiRequiresImdsV2(model, at(data, ['ImageId']));
  const tokens = at(data, ['MetadataOptions', 'HttpTokens']);
  return {
    logicalId: launch.resource.logicalId,
    type: launch.resource.type === LAUNCH_TEMPLATE ? LAUNCH_TEMPLATE : 'AWS::AutoScaling::LaunchConfiguration',
    path: launch.resource.path,
    when: count > 1 ? launch.when : [],
    imdsV2Required: tokens ? imdsV2(tokens) : amiV2,
    imdsV2ByAmiDefault: !tokens && amiV2 ? true : undefined,
  };
}

/** Required only when every alternative requires it; unknown when one cannot be read. */
function combineImds(alternatives: LaunchAlternative[]): Known<boolean> {
  if (!alternatives.length) return 'unknown';
  if (alternatives.some((a) => a.imdsV2Required === false)) return false;
  return alternatives.every((a) => a.imdsV2Required === true) ? true : 'unknown';
}

function knownNumber(node: TNode | undefined): Known<number> {
  return asNumber(node) ?? 'unknown';
}

/** CloudFormation's default is EC2: an instance whose Moodle is broken stays in service. */
function healthCheckType(node: TNode | undefined): Known<'EC2' | 'ELB'> {
  if (!node) return 'EC2';
  const v = asString(node)?.toUpperCase();
  return v === 'ELB' || v === 'EC2' ? v : 'unknown';
}

function imdsV2(tokens: TNode): Known<boolean> {
  const v = asString(tokens);
  return v === undefined ? 'unknown' : v === 'required';
}

/** Scheduled actions and policies name their group; with one group, any of them belongs to it. */
function attachedTo(model: TemplateModel, type: string, asgId: string, groupCount: number): ResourceView[] {
  return model.resourcesOfType(type).filter((r) => {
    const target = refTarget(at(r.properties, ['AutoScalingGroupName']));
    return target === asgId || (target === undefined && groupCount === 1);
  });
}

function scheduledActions(model: TemplateModel, asgId: string, groupCount: number): ScheduledActionInfo[] {
  return attachedTo(model, 'AWS::AutoScaling::ScheduledAction', asgId, groupCount).map((r) => ({
    logicalId: r.logicalId,
    recurrence: asString(at(r.properties, ['Recurrence'])),
    startTime: asString(at(r.properties, ['StartTime'])),
    minSize: optionalNumber(at(r.properties, ['MinSize'])),
    maxSize: optionalNumber(at(r.properties, ['MaxSize'])),
    desiredCapacity: optionalNumber(at(r.properties, ['DesiredCapacity'])),
    timeZone: asString(at(r.properties, ['TimeZone'])),
  }));
}

function optionalNumber(node: TNode | undefined): Known<number> | undefined {
  return node ? knownNumber(node) : undefined;
}

const SERVER_PACKAGE = /^(mysql-server|mysql-community-server|mariadb-server|mariadb\d+-server|postgresql\d*-server)$/;
/** On Debian/Ubuntu the bare `postgresql` (or `postgresql-16`) package is the server. */
const APT_POSTGRES_SERVER = /^postgresql(-\d+)?$/;

/** A database server installed by the boot script; client packages (mariadb105, postgresql15) are not. */
export function installedDatabasePackage(script: string): string | undefined {
  for (const line of script.split('\n')) {
    if (!/\binstall\b/.test(line)) continue;
    const apt = /\bapt(-get)?\b/.test(line);
    for (const token of line.split(/[\s;&|]+/)) {
      if (SERVER_PACKAGE.test(token) || (apt && APT_POSTGRES_SERVER.test(token))) return token;
    }
  }
  // cfn-init metadata: {"packages": {"yum": {"mariadb-server": []}}}
  for (const m of script.matchAll(/"([a-z0-9.-]+)"\s*:\s*\[/g)) if (SERVER_PACKAGE.test(m[1])) return m[1];
  return undefined;
}

/** The boot script pulls a fixed release of the code: an S3 object, a release archive, a git tag. */
function fetchesVersionedBundle(script: string): boolean {
  return /aws\s+s3\s+(cp|sync)\s+s3:\/\/\S+\.(zip|tar\.gz|tgz)/.test(script)
    || /\b(curl|wget)\b[^\n]*\.(zip|tar\.gz|tgz)\b/.test(script)
    || /git\s+clone[^\n]*(--branch|-b)\s+\S+/.test(script)
    || /git\s+checkout\s+(tags\/)?v?\d/.test(script);
}

