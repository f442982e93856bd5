import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const webTierAlarms = defineRule({
  id: 'MHA7001',
  name: 'web-tier-alarms',
  category: 'observability',
  defaultSeverity: 'warning',
  description: 'A Moodle stack has CloudWatch alarms that notify someone (load balancer 5xx, unhealthy web servers, database, cache), so a broken site is noticed before the students report it.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web) return;
    const alarms = model.resourcesOfType('AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm');
    const notifying = alarms.filter((a) => a.properties?.entries.some((e) => e.key === 'AlarmActions'));
    if (notifying.length > 0) return;
    report({
      path: asgPathOf(web), atKey: true,
      message: alarms.length
        ? `The stack's ${alarms.length} CloudWatch alarm(s) have no AlarmActions: nobody hears of them. Send them to an SNS topic with an e-mail subscription.`
        : `Nothing watches this Moodle stack: no AWS::CloudWatch::Alarm. Add alarms on the load balancer's HTTPCode_ELB_5XX_Count and HTTPCode_Target_5XX_Count, the target group's UnHealthyHostCount, the database's CPUUtilization, FreeableMemory and DatabaseConnections, and the cache's memory and evictions, sent to an AWS::SNS::Topic with an e-mail subscription.`,
    });
  },
});
