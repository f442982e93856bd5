import { defineRule } from '../../rule';

export const stickySessionsWithoutCache = defineRule({
  id: 'MHA4003',
  name: 'sticky-sessions-without-cache',
  category: 'session-cache',
  defaultSeverity: 'warning',
  description: 'Sticky sessions are not the only thing keeping users logged in: when a node goes, its users lose their sessions unless a shared cache holds them.',
  check({ topology, report }) {
    const lb = topology.loadBalancer;
    if (!lb.found || topology.sessionCache.found || topology.elsewhere?.sessionCache || !topology.webTier.found) return;
    const sticky = (lb.targetGroups ?? []).filter((tg) => tg.stickiness === true);
    for (const tg of sticky) {
      report({
        path: [...tg.path, 'Properties', 'TargetGroupAttributes'], atKey: true,
        message: `Target group ${tg.logicalId} relies on sticky sessions and there is no session cache: when a node is replaced or scaled in, its users are logged out mid-quiz. Keep sessions in ElastiCache Redis/Valkey or memcached; stickiness may stay as an optimisation.`,
      });
    }
    if (lb.kind === 'classic' && lb.classicStickiness && lb.path) {
      report({
        path: lb.path, atKey: true,
        message: `Load balancer ${lb.logicalId} relies on sticky sessions and there is no session cache: users on a node that goes away are logged out. Keep sessions in ElastiCache Redis/Valkey or memcached.`,
      });
    }
  },
});
