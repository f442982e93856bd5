import { commandLines, resolvedUserData } from '../../../topology/facts/template-facts';
import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

const AGENT = /codedeploy-agent|aws-codedeploy-|codedeploy[^\s]*install/i;
/** Boot steps a deployment's hooks depend on: the shared mount, Moodle's settings, the web server. */
const PREPARES = [
  { what: 'moodledata is mounted', test: /(^|\s)mount\s|\/etc\/fstab|mount -t|mount -a/ },
  { what: "Moodle's settings are written", test: /moodle\.env|config\.php/ },
  { what: 'the web server and PHP-FPM are started', test: /systemctl\s+(enable|start|restart).*\b(httpd|nginx|php-fpm|apache2)\b/ },
];

export const codeDeployAgentStartsLast = defineRule({
  id: 'MHA5003',
  name: 'codedeploy-agent-starts-last',
  category: 'code',
  defaultSeverity: 'warning',
  description: "The user data installs and starts the CodeDeploy agent after everything else: a deployment that starts earlier runs the hooks before moodledata is mounted or Moodle's settings exist.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || !topology.code.found || !topology.code.deploymentGroupId) return;
    const lines = commandLines(resolvedUserData(model, web) ?? '');
    const agent = lines.findIndex((l) => AGENT.test(l));
    if (agent < 0) return;
    const later = PREPARES.filter((p) => lines.slice(agent + 1).some((l) => p.test.test(l) && !AGENT.test(l)));
    if (later.length === 0) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `The CodeDeploy agent starts before ${later.map((p) => p.what).join(' and ')}. On a scale-out or replacement, CodeDeploy's launch deployment can then run the hooks on a half-built node: config rendering fails (the deployment is abandoned and the node relaunched), or deploy locks land on local disk instead of the shared moodledata. Install and start the agent as the last step of the user data (AWS's CodeDeploy guide for Auto Scaling says the same).`,
    });
  },
});
