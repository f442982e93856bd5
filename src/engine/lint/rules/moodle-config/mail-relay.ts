import { moodleSetting } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

export const mailRelay = defineRule({
  id: 'MHA8005',
  name: 'config-mail-relay',
  category: 'moodle-config',
  defaultSeverity: 'warning',
  description: 'The config.php deployed to EC2 web servers sends mail through an SMTP relay ($CFG->smtphosts, e.g. Amazon SES on port 587), since EC2 restricts outbound port 25 and a web server has no mail transfer agent.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    if (!web || !config) return;
    if (moodleSetting(config, 'smtphosts') !== undefined) return;
    // $CFG->noemailever: the site is meant to send nothing (a test site).
    if (/^(true|1)$/i.test(moodleSetting(config, 'noemailever') ?? '')) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `${configPhpName(topology)} does not set $CFG->smtphosts, so Moodle hands mail to PHP's mail() on each web server (unless an SMTP server is set in Site administration > Server > Email): EC2 blocks outbound port 25 by default and the servers run no mail transfer agent, so password resets, forum digests and assignment notifications are never delivered, with no error a user sees. Set $CFG->smtphosts to an SMTP relay (Amazon SES: email-smtp.<region>.amazonaws.com:587 with $CFG->smtpsecure = 'tls'), with $CFG->smtpuser and $CFG->smtppass from Secrets Manager, and $CFG->noreplyaddress at a verified domain.`,
    });
  },
});
