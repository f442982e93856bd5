import type { ReplicaPlan } from '../plan/replica-plan';
import type { TarEntry } from '../docker/tar';

const HEALTH_DIR = '/var/www/moodle-ha-health';

/**
 * What the template's user data leaves on a node before any code arrives, as files for the web
 * container. Today: a Moodle-independent health endpoint (a static file behind an Alias) when the
 * user data serves the target group's health-check path. Packages, the EFS mount and moodle.env
 * are the web image, the shared volume and the hook environment.
 */
export function userDataFiles(plan: ReplicaPlan): TarEntry[] {
  const healthPath = plan.aws?.staticHealthPath;
  // The web image already serves /moodle-ha-health (the scaffold's endpoint) the same way.
  if (!healthPath || healthPath === '/moodle-ha-health' || !/^\/[A-Za-z0-9._/-]+$/.test(healthPath)) return [];
  return [
    { name: `${HEALTH_DIR}/ok.txt`, content: 'ok\n' },
    {
      name: '/etc/apache2/conf-enabled/moodle-ha-health.conf',
      content: [
        `# Written like the template's user data: ${healthPath} answers 200 with or without Moodle, in maintenance too.`,
        `Alias ${healthPath} ${HEALTH_DIR}/ok.txt`,
        `<Directory ${HEALTH_DIR}>`,
        '  Require all granted',
        '</Directory>',
        '',
      ].join('\n'),
    },
  ];
}
