import * as fs from 'node:fs';
import * as path from 'node:path';
import { asBoolean, asNumber, asString, at, isSeq, toPlain, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { parameter, refTarget, refTargets } from '../../topology/references';
import { subnetZoneKey } from '../../topology/availability-zones';
import { BODY_SIZE_LIMIT_BYTES, bodySizeBlocks } from '../../topology/web-acl';
import { TemplateValues } from '../../cost/template-values';
import { readTargetTracking } from './read-target-tracking';
import { readSchoolYear } from './read-school-year';
import { ALB_HEALTH_DEFAULTS, type AwsBehaviour, type DbCredentialsSpec, type DeploymentGroupSpec, type FirewallSpec, type HealthCheckSpec, type ScheduleSpec } from './aws-behaviour';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';

/**
 * Reads the AWS behaviours the replica imitates from a template. Values given as a Ref to a
 * parameter take the parameter's default (what a deploy without overrides gets).
 */
export function readAwsBehaviour(model: TemplateModel, templateFile: string): AwsBehaviour {
  const notes: string[] = [];
  const groups = model.resourcesOfType(ASG);
  const asg = groups.find((g) => at(g.properties, ['TargetGroupARNs'])) ?? groups[0];
  const num = (node: TNode | undefined) => asNumber(resolve(model, node));
  const str = (node: TNode | undefined) => asString(resolve(model, node));

  const tgId = asg ? refTargets(at(asg.properties, ['TargetGroupARNs']))[0] : undefined;
  const tg = tgId ? model.resource(tgId) : model.resourcesOfType('AWS::ElasticLoadBalancingV2::TargetGroup')[0];
  const healthCheck = readHealthCheck(tg, num, str);
  if (!tg) notes.push('no target group in the template: AWS defaults for the health check (/ every 30 s, 5 healthy, 2 unhealthy)');

  const min = num(at(asg?.properties, ['MinSize'])) ?? 1;
  const max = num(at(asg?.properties, ['MaxSize'])) ?? Math.max(min, 2);
  const desired = num(at(asg?.properties, ['DesiredCapacity'])) ?? min;
  const type = str(at(asg?.properties, ['HealthCheckType']))?.toUpperCase() === 'ELB' ? 'ELB' : 'EC2';
  const zones = zoneNames(model, at(asg?.properties, ['VPCZoneIdentifier']) ?? at(asg?.properties, ['AvailabilityZones']));
  const launch = asg ? launchData(model, asg) : undefined;
  const userData = launch ? JSON.stringify(toPlain(at(launch, ['UserData']))) ?? '' : '';
  const served = healthEndpointOf(healthCheck.path, userData);

  const templateDir = path.dirname(path.resolve(templateFile));
  const bundleDir = [path.join(templateDir, '..', 'moodle'), path.join(templateDir, 'moodle')].find((d) => fs.existsSync(path.join(d, 'hooks')));
  const school = readSchoolYear(templateDir);
  if (school.note) notes.push(school.note);
  const byConfiguration = !!asg && !at(asg.properties, ['LaunchTemplate']) && !!at(asg.properties, ['LaunchConfigurationName']);
  return {
    template: templateFile,
    healthCheck,
    autoScaling: { asgId: asg?.logicalId, min, max, desired, healthCheckType: type, gracePeriodSeconds: num(at(asg?.properties, ['HealthCheckGracePeriod'])) ?? 0, zones },
    deploymentGroup: readDeploymentGroup(model, asg?.logicalId, str),
    db: readDbCredentials(model, userData, launch),
    staticHealthPath: served === 'static' ? healthCheck.path : undefined,
    phpHealthPath: served === 'php' ? healthCheck.path : undefined,
    schedules: readSchedules(model, asg?.logicalId, groups.length, num, str),
    targetTracking: readTargetTracking(model, asg, launch, byConfiguration, num, str),
    schoolYear: school.year,
    bundleDir: bundleDir ? path.resolve(bundleDir) : undefined,
    firewall: readFirewall(model),
    notes,
  };
}

/**
 * The web ACL rule on the load balancer that blocks bodies over 8 KB, as a deploy with the
 * parameters' defaults gets it: the web ACL and its association exist, the rule's branch is chosen.
 */
function readFirewall(model: TemplateModel): FirewallSpec | undefined {
  const values = new TemplateValues(model);
  const exists = (id: string) => { const r = model.resource(id); return !!r && values.exists(r); };
  for (const lb of model.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const block = bodySizeBlocks(model, lb.logicalId).find((b) => exists(b.webAclId) && exists(b.attachedBy)
      && b.when.every((c) => values.condition(c.replace(/^!/, '')) === !c.startsWith('!')));
    if (block) return { webAclId: block.webAclId, ruleName: block.ruleName, blocksBodiesOverBytes: BODY_SIZE_LIMIT_BYTES };
  }
  return undefined;
}

function readHealthCheck(tg: ResourceView | undefined, num: (n?: TNode) => number | undefined, str: (n?: TNode) => string | undefined): HealthCheckSpec {
  const p = tg?.properties;
  const d = ALB_HEALTH_DEFAULTS;
  const port = str(at(p, ['HealthCheckPort']));
  const attributes = at(p, ['TargetGroupAttributes']);
  let deregistration = d.deregistrationDelaySeconds;
  if (isSeq(attributes)) for (const a of attributes.items) if (str(at(a, ['Key'])) === 'deregistration_delay.timeout_seconds') deregistration = num(at(a, ['Value'])) ?? deregistration;
  return {
    targetGroupId: tg?.logicalId,
    path: str(at(p, ['HealthCheckPath'])) ?? d.path,
    port: port && port !== 'traffic-port' && Number.isFinite(Number(port)) ? Number(port) : 'traffic-port',
    matcher: str(at(p, ['Matcher', 'HttpCode'])) ?? d.matcher,
    intervalSeconds: num(at(p, ['HealthCheckIntervalSeconds'])) ?? d.intervalSeconds,
    timeoutSeconds: num(at(p, ['HealthCheckTimeoutSeconds'])) ?? d.timeoutSeconds,
    healthyThreshold: num(at(p, ['HealthyThresholdCount'])) ?? d.healthyThreshold,
    unhealthyThreshold: num(at(p, ['UnhealthyThresholdCount'])) ?? d.unhealthyThreshold,
    deregistrationDelaySeconds: deregistration,
  };
}

function readDeploymentGroup(model: TemplateModel, asgId: string | undefined, str: (n?: TNode) => string | undefined): DeploymentGroupSpec {
  const groups = model.resourcesOfType('AWS::CodeDeploy::DeploymentGroup');
  const group = groups.find((g) => asgId && refTargets(at(g.properties, ['AutoScalingGroups'])).includes(asgId)) ?? groups[0];
  const p = group?.properties;
  const configName = str(at(p, ['DeploymentConfigName'])) ?? 'CodeDeployDefault.OneAtATime';
  const config = /AllAtOnce/.test(configName) ? 'AllAtOnce' : /HalfAtATime/.test(configName) ? 'HalfAtATime' : 'OneAtATime';
  const events = at(p, ['AutoRollbackConfiguration', 'Events']);
  return {
    groupId: group?.logicalId,
    config,
    type: str(at(p, ['DeploymentStyle', 'DeploymentType'])) === 'BLUE_GREEN' ? 'BLUE_GREEN' : 'IN_PLACE',
    withTrafficControl: str(at(p, ['DeploymentStyle', 'DeploymentOption'])) === 'WITH_TRAFFIC_CONTROL',
    autoRollback: {
      enabled: asBoolean(at(p, ['AutoRollbackConfiguration', 'Enabled'])) === true,
      events: isSeq(events) ? events.items.map((e) => asString(e) ?? '').filter(Boolean) : [],
    },
  };
}

/**
 * Which secret the nodes' user data hands to config.php: RDS's managed master secret (rotated by RDS
 * every 7 days by default) or a secret of Moodle's own user (rotating only with a RotationSchedule).
 */
function readDbCredentials(model: TemplateModel, userData: string, launch: TNode | undefined): DbCredentialsSpec {
  if (/MasterUserSecret/.test(userData)) {
    const managed = [...model.resourcesOfType('AWS::RDS::DBCluster'), ...model.resourcesOfType('AWS::RDS::DBInstance')].some((r) => asBoolean(at(r.properties, ['ManageMasterUserPassword'])) === true);
    return { source: 'master', rotation: managed ? 'rds-managed' : 'none', evidence: `the user data passes the database's MasterUserSecret to the nodes${managed ? ' (ManageMasterUserPassword: RDS rotates it every 7 days by default)' : ''}` };
  }
  const secrets = model.resourcesOfType('AWS::SecretsManager::Secret').filter((s) => userData.includes(s.logicalId));
  if (secrets.length) {
    const rotated = model.resourcesOfType('AWS::SecretsManager::RotationSchedule').some((r) => secrets.some((s) => refTarget(at(r.properties, ['SecretId'])) === s.logicalId));
    return { source: 'own', rotation: rotated ? 'schedule' : 'none', evidence: `the user data passes the secret ${secrets.map((s) => s.logicalId).join(', ')}${rotated ? ', which a RotationSchedule rotates' : ' (no rotation schedule)'}` };
  }
  return { source: 'unknown', rotation: 'none', evidence: launch ? 'the user data names no database secret' : 'no launch template' };
}

function readSchedules(model: TemplateModel, asgId: string | undefined, groupCount: number, num: (n?: TNode) => number | undefined, str: (n?: TNode) => string | undefined): ScheduleSpec[] {
  return model.resourcesOfType('AWS::AutoScaling::ScheduledAction')
    .filter((a) => refTarget(at(a.properties, ['AutoScalingGroupName'])) === asgId || groupCount === 1)
    .map((a) => ({
      id: a.logicalId,
      recurrence: str(at(a.properties, ['Recurrence'])) ?? '',
      timeZone: str(at(a.properties, ['TimeZone'])) ?? 'UTC',
      min: num(at(a.properties, ['MinSize'])),
      max: num(at(a.properties, ['MaxSize'])),
      desired: num(at(a.properties, ['DesiredCapacity'])),
    }))
    .filter((s) => s.recurrence);
}

function launchData(model: TemplateModel, asg: ResourceView): TNode | undefined {
  const spec = at(asg.properties, ['LaunchTemplate']);
  const id = refTarget(at(spec, ['LaunchTemplateId'])) ?? refTarget(at(spec, ['LaunchTemplateName'])) ?? refTarget(at(asg.properties, ['LaunchConfigurationName']));
  const launch = id ? model.resource(id) : undefined;
  return launch?.type === 'AWS::EC2::LaunchTemplate' ? at(launch.properties, ['LaunchTemplateData']) : launch?.properties;
}

/** Distinct zones of the group's subnets, named a, b, c in order of first appearance. */
function zoneNames(model: TemplateModel, subnets: TNode | undefined): string[] {
  if (!isSeq(subnets)) return ['a', 'b'];
  const keys: string[] = [];
  for (const item of subnets.items) {
    const key = subnetZoneKey(model, item) ?? asString(item) ?? `subnet-${keys.length}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys.map((_, i) => String.fromCharCode(97 + i));
}

/** A Ref to a parameter becomes the parameter's default; anything else stays as it is. */
function resolve(model: TemplateModel, node: TNode | undefined): TNode | undefined {
  const id = refTarget(node);
  if (id && at(node, ['Ref'])) return parameter(model, id)?.defaultNode ?? node;
  return node;
}

/**
 * How the user data serves the health-check path before any code: through an Alias to a PHP file
 * (it fails when PHP does, as the scaffold's health.php), as a static file (answers 200 whatever
 * PHP does), or not at all (the path is the application's).
 */
export function healthEndpointOf(healthPath: string, userData: string): 'php' | 'static' | undefined {
  if (healthPath.endsWith('.php') || healthPath === '/' || !userData.includes(healthPath)) return undefined;
  const escaped = healthPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The user data is JSON text here: a target ends at white space, a quote or an escaped newline.
  const target = new RegExp(`Alias\\s+${escaped}\\s+([^\\s"\\\\]+)`).exec(userData)?.[1];
  return target?.endsWith('.php') ? 'php' : 'static';
}
