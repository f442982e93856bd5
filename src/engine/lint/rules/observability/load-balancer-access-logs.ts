import { asString, isMap, isSeq } from '../../../template/nodes';
import { defineRule } from '../../rule';

export const loadBalancerAccessLogs = defineRule({
  id: 'MHA7002',
  name: 'load-balancer-access-logs',
  category: 'observability',
  defaultSeverity: 'info',
  description: "The Moodle load balancer writes access logs to S3: the only record of requests that outlives the web servers the Auto Scaling group terminates.",
  check({ model, topology, report }) {
    if (!topology.webTier.found || !topology.loadBalancer.found) return;
    const lb = model.resource(topology.loadBalancer.logicalId);
    if (!lb || lb.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return;
    const attributes = lb.properties?.entries.find((e) => e.key === 'LoadBalancerAttributes')?.value;
    const enabled = isSeq(attributes) && attributes.items.some((a) => isMap(a)
      && asString(a.entries.find((e) => e.key === 'Key')?.value) === 'access_logs.s3.enabled'
      && /^true$/i.test(asString(a.entries.find((e) => e.key === 'Value')?.value) ?? ''));
    if (enabled) return;
    report({
      path: lb.path, atKey: true,
      message: `Load balancer ${lb.logicalId} keeps no access logs. When a student says "the quiz failed at 10:03", the web servers that served it may be gone. Turn on access_logs.s3.enabled with access_logs.s3.bucket (an SSE-S3 bucket whose policy lets Elastic Load Balancing write), with a lifecycle rule to expire old logs.`,
    });
  },
});
