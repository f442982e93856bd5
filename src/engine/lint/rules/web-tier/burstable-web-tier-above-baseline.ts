import { burstable, steadyEquivalent } from '../../../common/ec2-instance-types';
import { TemplateValues } from '../../../cost/template-values';
import { asString, at, toPlain, type TemplatePath } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import { refTarget } from '../../../topology/references';
import { describeWhen } from '../../../topology/conditions';
import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { replaceScalar } from '../fixes/yaml-edit';
import { launchAlternativesOf, launchDataPath, webTierOf, type FoundWebTier } from '../helpers';

const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';

export const burstableWebTierAboveBaseline = defineRule({
  id: 'MHA1010',
  name: 'burstable-web-tier-above-baseline',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'Web nodes on a burstable (T) instance type are not scaled at a CPU target above the baseline their credits pay for.',
  check({ model, topology, region, report }) {
    const web = webTierOf(topology);
    if (!web) return;
    const values = new TemplateValues(model, {}, region);
    const target = cpuTarget(model, values, web);
    if (!target) return;
    for (const launch of launchAlternativesOf(web)) {
      const data = launchDataPath(launch);
      const typePath = [...data, 'InstanceType'];
      const type = values.resolve(model.get(typePath));
      if (typeof type !== 'string') continue;
      const found = burstable(type);
      if (!found || target.value <= found.baselinePercent) continue;
      const credits = creditMode(values, model, data, launch.type) ?? found.defaultCredits;
      const when = launch.when.length ? ` (when ${describeWhen(launch.when)})` : '';
      const effect = credits === 'unlimited'
        ? `In unlimited mode (${found.family === 't2' ? 'set here' : `${found.family.toUpperCase()}'s default`}) every hour a node spends above that is billed as surplus credits on top of the instance price, so a busy term can cost more than a steady type of the same size.`
        : `In standard mode a node that has spent its credits is held at ${found.baselinePercent} %, below the ${target.value} % the policy waits for, so pages slow down and the group does not scale out.`;
      const steady = steadyEquivalent(type);
      report({
        path: typePath,
        message: `${launch.logicalId}${when} runs the web tier on ${type}, whose credits pay for ${found.baselinePercent} % of each vCPU, and ${target.policyId} keeps the group's average CPU at ${target.value} %. ${effect} `
          + `Use a type that is not burstable${steady ? ` (${steady}, the same architecture)` : ''}, or a CPU target at or below ${found.baselinePercent} %.`,
        fixes: steady ? instanceTypeFix(model, typePath, steady) : [],
      });
    }
  },
});

interface CpuTarget { policyId: string; value: number }

/** The lowest CPU target of the group's target tracking policies on ASGAverageCPUUtilization. */
function cpuTarget(model: TemplateModel, values: TemplateValues, web: FoundWebTier): CpuTarget | undefined {
  let lowest: CpuTarget | undefined;
  for (const id of web.scalingPolicyIds) {
    const policy = model.resource(id);
    if (!policy || !values.exists(policy)) continue;
    if (values.resolve(at(policy.properties, ['PolicyType'])) !== 'TargetTrackingScaling') continue;
    const config = at(policy.properties, ['TargetTrackingConfiguration']);
    if (values.resolve(at(config, ['PredefinedMetricSpecification', 'PredefinedMetricType'])) !== 'ASGAverageCPUUtilization') continue;
    const value = Number(values.resolve(at(config, ['TargetValue'])));
    if (!Number.isFinite(value)) continue;
    if (!lowest || value < lowest.value) lowest = { policyId: id, value };
  }
  return lowest;
}

/** CreditSpecification.CpuCredits of a launch template; launch configurations cannot set it. */
function creditMode(values: TemplateValues, model: TemplateModel, data: TemplatePath, type: string): 'standard' | 'unlimited' | undefined {
  if (type !== LAUNCH_TEMPLATE) return undefined;
  const mode = values.resolve(model.get([...data, 'CreditSpecification', 'CpuCredits']));
  return mode === 'standard' || mode === 'unlimited' ? mode : undefined;
}

/** Replace the type where it is written: the launch data, or the Default of the parameter it names. */
function instanceTypeFix(model: TemplateModel, typePath: TemplatePath, steady: string): QuickFix[] {
  const parameter = refTarget(model.get(typePath));
  const where = parameter && asString(model.get(['Parameters', parameter, 'Default'])) !== undefined ? ['Parameters', parameter, 'Default'] : typePath;
  // A parameter that lists its values would refuse the new one.
  const allowed = parameter ? toPlain(model.get(['Parameters', parameter, 'AllowedValues'])) : undefined;
  if (allowed !== undefined && !(Array.isArray(allowed) && allowed.includes(steady))) return [];
  const edit = replaceScalar(model, where, steady);
  return edit ? [{ title: `Use ${steady} (not burstable)`, edits: [edit] }] : [];
}
