import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const scheduledScaling = defineRule({
  id: 'MHA1101',
  name: 'scheduled-scaling',
  category: 'scaling',
  defaultSeverity: 'info',
  description: 'Scheduled actions follow the academic calendar (term time, holidays, exams), which target tracking alone reacts to too late.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.scheduledActions.length) return;
    report({
      path: asgPathOf(web), atKey: true,
      message: `Auto Scaling group ${web.asgLogicalId} has no AWS::AutoScaling::ScheduledAction. Moodle load follows the timetable: add scheduled actions that raise MinSize before term-time mornings and exams and lower it for evenings and holidays (Recurrence plus TimeZone).`,
    });
  },
});
