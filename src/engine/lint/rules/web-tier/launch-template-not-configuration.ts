import { describeWhen } from '../../../topology/conditions';
import { defineRule } from '../../rule';
import { asgPathOf, propertyPath, webTierOf } from '../helpers';

export const launchTemplateNotConfiguration = defineRule({
  id: 'MHA1005',
  name: 'launch-template-not-configuration',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'The web tier uses a launch template: launch configurations are deprecated, get no new instance types and cannot require IMDSv2 tokens everywhere.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    const configurations = (web?.launchAlternatives ?? []).filter((l) => l.type === 'AWS::AutoScaling::LaunchConfiguration');
    if (!web || (!web.launchConfigurationId && !configurations.length)) return;
    const which = configurations.map((c) => c.logicalId + (c.when.length ? ` (when ${describeWhen(c.when)})` : '')).join(' and ') || web.launchConfigurationId;
    report({
      path: propertyPath(asgPathOf(web), 'LaunchConfigurationName'), atKey: true,
      message: `Auto Scaling group ${web.asgLogicalId} uses launch configuration ${which}, which AWS has deprecated. Replace it with an AWS::EC2::LaunchTemplate (same ImageId, InstanceType, UserData under LaunchTemplateData) and reference it with LaunchTemplate: {LaunchTemplateId, Version}.`,
    });
  },
});
