import { defineRule } from '../../rule';
import { commandLines, resolvedUserData } from '../../../topology/facts/template-facts';
import { userDataPath, webTierOf } from '../helpers';

/** Ways a boot script lower-cases a value: tr, bash's ${x,,}, PHP's strtolower. */
const LOWER_CASING = /tr\s+(['"]?\[?:upper:\]?['"]?|['"]?\[?A-Z\]?['"]?)\s+|,,\}|strtolower\(|tolower\(|\.lower\(\)|awk .*tolower/;

export const wwwrootLowerCase = defineRule({
  id: 'MHA1007',
  name: 'wwwroot-lower-case',
  category: 'web-tier',
  defaultSeverity: 'error',
  description: "A wwwroot built from the load balancer's DNS name is lower-cased: the generated name is mixed-case, browsers send the host in lower case and Moodle compares them case-sensitively.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web) return;
    const script = resolvedUserData(model, web);
    if (!script) return;
    const balancers = model.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer').map((r) => r.logicalId);
    const fromDns = commandLines(script).find((line) => /wwwroot/i.test(line) && balancers.some((id) => line.includes(`\${${id}.DNSName}`)));
    if (!fromDns || LOWER_CASING.test(script)) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `Moodle's wwwroot comes from the load balancer's DNS name (\`${fromDns.slice(0, 80)}\`), which CloudFormation generates in mixed case. Browsers send the host in lower case and Moodle's host check is case-sensitive, so every page redirects to itself. Lower-case it in the user data (\`wwwroot=$(printf '%s' '...' | tr '[:upper:]' '[:lower:]')\`), or give the site a lower-case domain name.`,
    });
  },
});
