import { asNumber, asString, at, entry, toPlain, type TNode } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { countListedAzs, countSubnetAzs } from './availability-zones';
import { refTarget, refTargets } from './references';
import { renderText } from './user-data';
import type { Known, Part, ScheduledActionInfo, WebTierInfo } from './types';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';

/** The Auto Scaling group that runs Moodle: the one behind a load balancer, else the first. */
export function deriveWebTier(model: TemplateModel): Part<WebTierInfo> {
  const groups = model.resourcesOfType(ASG);
  const asg = groups.find((g) => entry(g.properties, 'TargetGroupARNs') || entry(g.properties, 'LoadBalancerNames')) ?? groups[0];
  if (!asg) return { found: false, reason: 'No AWS::AutoScaling::AutoScalingGroup in Resources: Moodle runs on a fixed set of instances (or none).' };
  const props = asg.properties;
  const launch = launchResource(model, asg);
  const launchData = launch?.type === 'AWS::EC2::LaunchTemplate' ? at(launch.properties, ['LaunchTemplateData']) : launch?.properties;
  const userData = renderText(at(launchData, ['UserData']));
  const initMetadata = launch ? at(launch.node, ['Metadata', 'AWS::CloudFormation::Init']) : undefined;
  const bootstrapMetadata = initMetadata ? JSON.stringify(toPlain(initMetadata)) : undefined;
  const script = [userData, bootstrapMetadata].filter(Boolean).join('\n');
  const placement = entry(props, 'VPCZoneIdentifier') ? 'VPCZoneIdentifier' : entry(props, 'AvailabilityZones') ? 'AvailabilityZones' : undefined;
  return {
    found: true,
    asgLogicalId: asg.logicalId,
    launchTemplateId: launch?.type === 'AWS::EC2::LaunchTemplate' ? launch.logicalId : undefined,
    launchConfigurationId: launch?.type === 'AWS::AutoScaling::LaunchConfiguration' ? launch.logicalId : undefined,
    minSize: knownNumber(at(props, ['MinSize'])),
    maxSize: knownNumber(at(props, ['MaxSize'])),
    desiredCapacity: knownNumber(at(props, ['DesiredCapacity'])),
    azCount: placement === 'VPCZoneIdentifier' ? countSubnetAzs(model, at(props, ['VPCZoneIdentifier']))
      : placement === 'AvailabilityZones' ? countListedAzs(model, at(props, ['AvailabilityZones'])) : 'unknown',
    healthCheckType: healthCheckType(at(props, ['HealthCheckType'])),
    targetGroupIds: refTargets(at(props, ['TargetGroupARNs'])),
    scheduledActions: scheduledActions(model, asg.logicalId, groups.length),
    scalingPolicyIds: attachedTo(model, 'AWS::AutoScaling::ScalingPolicy', asg.logicalId, groups.length).map((r) => r.logicalId),
    imdsV2Required: launchData ? imdsV2(at(launchData, ['MetadataOptions'])) : 'unknown',
    userData,
    webServer: /\bnginx\b/.test(script) ? 'nginx' : /\b(httpd|apache2?)\b/.test(script) ? 'apache' : 'unknown',
    codeDeployAgentInstalled: script ? /codedeploy-agent|aws-codedeploy-|codedeploy.*\/install\b/i.test(script) : 'unknown',
    asgPath: asg.path,
    launchPath: launch?.path,
    placementPath: placement ? [...asg.path, 'Properties', placement] : undefined,
    classicLoadBalancerIds: refTargets(at(props, ['LoadBalancerNames'])),
    instanceSecurityGroupIds: refTargets(at(launchData, [launch?.type === 'AWS::EC2::LaunchTemplate' ? 'SecurityGroupIds' : 'SecurityGroups'])),
    installedDatabasePackage: installedDatabasePackage(script),
    fetchesVersionedBundle: fetchesVersionedBundle(script),
    bootstrapMetadata,
  };
}

function launchResource(model: TemplateModel, asg: ResourceView): ResourceView | undefined {
  const spec = at(asg.properties, ['LaunchTemplate']) ?? at(asg.properties, ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification']);
  const id = refTarget(at(spec, ['LaunchTemplateId'])) ?? refTarget(at(spec, ['LaunchTemplateName'])) ?? refTarget(at(asg.properties, ['LaunchConfigurationName']));
  return id ? model.resource(id) : undefined;
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

function imdsV2(options: TNode | undefined): Known<boolean> {
  const tokens = at(options, ['HttpTokens']);
  if (!tokens) return false;
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

