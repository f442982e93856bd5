import { moodleSetting } from '../../../topology/moodle-config';
import type { HaTopology } from '../../../topology/types';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

// Moodle's bits (lib/moodlelib.php): which request headers getremoteaddr() skips.
const SKIP_CLIENT_IP = 1;
const SKIP_FORWARDED_FOR = 2;

/** The value of $CFG->getremoteaddrconf as Moodle would read it, or undefined when it is not a constant expression. */
export function remoteAddrBits(source: string): number | undefined {
  const names: Record<string, number> = { GETREMOTEADDR_SKIP_HTTP_CLIENT_IP: SKIP_CLIENT_IP, GETREMOTEADDR_SKIP_HTTP_X_FORWARDED_FOR: SKIP_FORWARDED_FOR, GETREMOTEADDR_SKIP_DEFAULT: SKIP_CLIENT_IP | SKIP_FORWARDED_FOR };
  let bits = 0;
  for (const part of source.replace(/^\((.*)\)$/, '$1').split('|').map((p) => p.trim().replace(/^(['"])(\d+)\1$/, '$2'))) {
    if (/^\d+$/.test(part)) bits |= Number(part);
    else if (part in names) bits |= names[part];
    else return undefined;
  }
  return bits;
}

/** The load balancer in front of the web servers: in this template, or in another template of the stack (aws-refarch-moodle's 03-publicalb.yaml). */
function loadBalancerInFront(topology: HaTopology): { name: string; kind?: string } | undefined {
  const lb = topology.loadBalancer;
  if (lb.found) return { name: lb.logicalId, kind: lb.kind };
  const other = topology.elsewhere?.loadBalancer;
  return other ? { name: `${other.logicalId ?? 'the load balancer'} (in ${other.file})`, kind: other.kind } : undefined;
}

export const clientAddressBehindLoadBalancer = defineRule({
  id: 'MHA8004',
  name: 'config-client-address-behind-load-balancer',
  category: 'moodle-config',
  defaultSeverity: 'warning',
  description: "The config.php deployed to web servers behind a load balancer has Moodle take the user's address from X-Forwarded-For, and only from it: $CFG->getremoteaddrconf = 1 (skip HTTP_CLIENT_IP).",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    const lb = loadBalancerInFront(topology);
    if (!web || !config || !lb || lb.kind === 'network' || lb.kind === 'gateway') return;
    const source = moodleSetting(config, 'getremoteaddrconf');
    const bits = source === undefined ? SKIP_CLIENT_IP | SKIP_FORWARDED_FOR : remoteAddrBits(source);
    if (bits === undefined) return; // computed at run time: nothing to judge
    const fix = `Set $CFG->getremoteaddrconf = 1 (read X-Forwarded-For, skip HTTP_CLIENT_IP), and $CFG->reverseproxyignore to the load balancer's subnets if anything else in front adds to the header.`;
    const what = source === undefined ? 'does not set $CFG->getremoteaddrconf, so Moodle reads only REMOTE_ADDR (its default, unless changed in Site administration > Server > HTTP)' : `sets $CFG->getremoteaddrconf = ${source}`;
    let problem: string | undefined;
    if (bits & SKIP_FORWARDED_FOR) {
      problem = `${configPhpName(topology)} ${what}: behind ${lb.name} that is the load balancer's own address, so logs, failed-login lockouts, quiz "Require network address" and IP blocking all see the load balancer, and one user's failed logins lock out the whole school.`;
    } else if (!(bits & SKIP_CLIENT_IP)) {
      problem = `${configPhpName(topology)} ${what}: Moodle then believes a Client-IP header first, which ${lb.name} passes through from the browser unchanged, so any user can choose the address Moodle logs and checks (quiz network rules, IP blocking).`;
    }
    if (!problem) return;
    report({ path: userDataPath(model, web), atKey: true, message: `${problem} ${fix}` });
  },
});
