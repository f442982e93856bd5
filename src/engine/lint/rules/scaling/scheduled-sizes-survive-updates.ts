import { asBoolean, at } from '../../../template/nodes';
import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const scheduledSizesSurviveUpdates = defineRule({
  id: 'MHA1103',
  name: 'scheduled-sizes-survive-updates',
  category: 'scaling',
  defaultSeverity: 'warning',
  description: "A group with scheduled actions has UpdatePolicy AutoScalingScheduledAction IgnoreUnmodifiedGroupSizeProperties: true, so a stack update does not reset the sizes the school year's schedule set.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.scheduledActions.length === 0) return;
    const asg = asgPathOf(web);
    if (asBoolean(at(model.get(asg), ['UpdatePolicy', 'AutoScalingScheduledAction', 'IgnoreUnmodifiedGroupSizeProperties'])) === true) return;
    report({
      path: asg, atKey: true,
      message: `Auto Scaling group ${web.asgLogicalId} has ${web.scheduledActions.length} scheduled action(s) but no UpdatePolicy AutoScalingScheduledAction with IgnoreUnmodifiedGroupSizeProperties: true. Any stack update then sets MinSize/MaxSize/DesiredCapacity back to the template's values, e.g. dropping an exam-season floor in May. Add UpdatePolicy: {AutoScalingScheduledAction: {IgnoreUnmodifiedGroupSizeProperties: true}}.`,
    });
  },
});
