import type { ListenerInfo } from '../../../topology/types';
import { defineRule } from '../../rule';

const SECURE = ['HTTPS', 'TLS', 'SSL'];

export const httpsListener = defineRule({
  id: 'MHA6002',
  name: 'https-listener',
  category: 'network',
  defaultSeverity: 'warning',
  description: 'An internet-facing load balancer serves Moodle over HTTPS (Moodle\'s wwwroot is https:// with sslproxy).',
  check({ topology, report }) {
    const lb = topology.loadBalancer;
    if (!lb.found || lb.scheme === 'internal' || lb.kind === 'gateway' || !lb.path) return;
    // An NLB may pass TLS through to the nodes on TCP 443; the nodes then terminate HTTPS.
    const secure = (l: ListenerInfo) => (l.protocol !== 'unknown' && SECURE.includes(l.protocol))
      || (l.port === 443 && (l.protocol === 'unknown' || (lb.kind === 'network' && l.protocol === 'TCP')));
    if (lb.listeners.some(secure)) return;
    report({
      path: lb.path, atKey: true,
      message: `Load balancer ${lb.logicalId} has no HTTPS listener: logins and session cookies cross the internet in clear. Add a listener on port 443 with Protocol: HTTPS and an ACM certificate, and set $CFG->sslproxy = true with an https:// wwwroot.`,
    });
  },
});
