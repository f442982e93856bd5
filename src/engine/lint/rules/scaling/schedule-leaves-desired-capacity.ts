import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';

export const scheduleLeavesDesiredCapacity = defineRule({
  id: 'MHA1102',
  name: 'schedule-leaves-desired-capacity',
  category: 'scaling',
  defaultSeverity: 'warning',
  description: 'Scheduled actions on a group with a scaling policy set MinSize/MaxSize only: a DesiredCapacity scales in at a fixed hour whatever the load (a 23:59 deadline at 20:00).',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.scalingPolicyIds.length === 0) return;
    for (const action of web.scheduledActions) {
      if (action.desiredCapacity === undefined) continue;
      const resource = model.resource(action.logicalId);
      if (!resource) continue;
      report({
        path: [...resource.path, 'Properties', 'DesiredCapacity'], atKey: true,
        message: `Scheduled action ${action.logicalId} sets DesiredCapacity on ${web.asgLogicalId}, which ${web.scalingPolicyIds.join(', ')} already sizes by load: at ${action.recurrence ? `"${action.recurrence}"` : action.startTime ?? 'its time'} it jumps to that size, scaling in under an evening deadline peak or undoing a scale-out. Remove DesiredCapacity and raise or lower MinSize (and MaxSize) instead; target tracking keeps the rest.`,
      });
    }
  },
});
