import type { ReplicaPlan } from '../plan/replica-plan';
import type { TarEntry } from '../docker/tar';

const HEALTH_DIR = '/var/www/moodle-ha-health';
/** The web image's own health endpoint (/moodle-ha-health → health.php, as the scaffold's user data writes it) is this file: replaced here. */
const HEALTH_CONF = '/etc/apache2/conf-enabled/moodle-ha-health.conf';

/**
 * What the template's user data leaves on a node before any code arrives, as files for the web
 * container. Today: the Moodle-independent health endpoint, served as the user data serves it — a
 * PHP file (fails when PHP does) or a static file (200 whatever PHP does). Packages, the EFS mount
 * and moodle.env are the web image, the shared volume and the hook environment.
 */
export function userDataFiles(plan: ReplicaPlan): TarEntry[] {
  const php = plan.aws?.phpHealthPath;
  const healthPath = php ?? plan.aws?.staticHealthPath;
  if (!healthPath || !/^\/[A-Za-z0-9._/-]+$/.test(healthPath)) return [];
  // The image already answers /moodle-ha-health with PHP, as the scaffold does.
  if (php && healthPath === '/moodle-ha-health') return [];
  const file = php ? `${HEALTH_DIR}/health.php` : `${HEALTH_DIR}/ok.txt`;
  return [
    { name: file, content: php ? '<?php echo "ok";\n' : 'ok\n' },
    {
      name: HEALTH_CONF,
      content: [
        `# Written like the template's user data: ${healthPath} answers with or without Moodle, in maintenance too${php ? ', and fails when PHP does' : ', whatever PHP does'}.`,
        `Alias ${healthPath} ${file}`,
        `<Directory ${HEALTH_DIR}>`,
        '  Require all granted',
        '</Directory>',
        '',
      ].join('\n'),
    },
  ];
}
