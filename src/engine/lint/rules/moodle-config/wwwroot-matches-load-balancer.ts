import { literalSetting, booleanSetting } from '../../../topology/facts/moodle-config-values';
import { moodleSetting } from '../../../topology/moodle-config';
import type { HaTopology } from '../../../topology/types';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

/** Users reach the site over HTTPS: an HTTPS listener on the load balancer, or CloudFront in front that forces HTTPS. */
function usersComeOverHttps(topology: HaTopology): boolean | undefined {
  const lb = topology.loadBalancer;
  if (!lb.found) return undefined;
  if (lb.cloudFrontOrigins?.some((o) => o.viewerHttps === true)) return true;
  return lb.listeners.some((l) => String(l.protocol).toUpperCase() === 'HTTPS');
}

export const wwwrootMatchesLoadBalancer = defineRule({
  id: 'MHA8001',
  name: 'config-wwwroot-matches-load-balancer',
  category: 'moodle-config',
  defaultSeverity: 'error',
  description: "A config.php the template (or another template of its stack, for the web servers it deploys to) writes gives Moodle the URL users really use: lower-case host, no trailing slash, https:// with $CFG->sslproxy = true when the load balancer terminates HTTPS.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    if (!web || !config) return;
    const wwwroot = literalSetting(config, 'wwwroot');
    if (wwwroot === undefined) return; // built at run time: nothing to judge from the template
    const m = wwwroot.match(/^(https?):\/\/([^/:]+)(:\d+)?(\/.*)?$/i);
    if (!m) return;
    const [, scheme, host] = m;
    const problems: string[] = [];
    // ${Param} placeholders are filled at deploy time; judge only the literal part of the host.
    if (/[A-Z]/.test(host.replace(/\$\{[^}]*\}/g, ''))) {
      problems.push(`its host \`${host}\` has upper-case letters: browsers send the host in lower case and Moodle compares it case-sensitively, so every page redirects to itself`);
    }
    if (wwwroot.endsWith('/')) problems.push('it ends with a slash, which Moodle refuses (every page fails with an error)');
    const https = usersComeOverHttps(topology);
    const lbId = topology.loadBalancer.found ? topology.loadBalancer.logicalId : '';
    if (https === true && scheme.toLowerCase() === 'http') {
      problems.push(`it is http:// while users reach ${lbId} over HTTPS: Moodle builds http:// links and forms, browsers block them as mixed content, and an HTTP-to-HTTPS redirect turns every login into a loop`);
    }
    // Unset or a literal false; an expression (e.g. derived from the scheme) is not judged.
    const sslproxyOff = moodleSetting(config, 'sslproxy') === undefined || booleanSetting(config, 'sslproxy') === false;
    if (https === true && scheme.toLowerCase() === 'https' && sslproxyOff) {
      problems.push(`it is https:// but $CFG->sslproxy is not true: ${lbId} terminates TLS and forwards plain HTTP, so Moodle sees an http request for an https site and redirects it forever`);
    }
    if (https === false && scheme.toLowerCase() === 'https' && topology.loadBalancer.found && topology.loadBalancer.kind === 'application') {
      problems.push(`it is https:// but ${lbId} has no HTTPS listener, so the URL Moodle sends users to does not answer`);
    }
    if (!problems.length) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `${configPhpName(topology)} sets $CFG->wwwroot = '${wwwroot}', but ${problems.join('; and ')}. Write the URL users type: lower-case, no trailing slash, https:// with $CFG->sslproxy = true behind an HTTPS listener.`,
    });
  },
});
