/** Where things live on a web server; the bundle's hooks read the same paths from moodle.env. */
export const DATA_DIR = '/mnt/moodledata';
export const CODE_DIR = '/var/www/moodle';

export const HEALTH_DIR = '/var/lib/moodle-ha/www';
/**
 * The load balancer's health check: a one-line PHP ping outside Moodle's code (no config.php), so it
 * answers 200 before any code arrives and in maintenance mode, and fails when PHP-FPM is broken.
 */
export const HEALTH_FILE = `${HEALTH_DIR}/health.php`;
export const HEALTH_PATH = '/moodle-ha-health';
export const RDS_CA_FILE = '/etc/pki/moodle-ha/rds-global-bundle.pem';
export const LOG_DIR = '/var/log/moodle-ha';
/** PECL releases are pinned: a new release must never change what a scale-out at exam peak builds. */
export const PECL_VERSIONS = { redis: '6.1.0', memcached: '3.3.0' } as const;
/** A baked AMI (EC2 Image Builder) carries this file: packages, PHP extensions, the CA bundle and the agents are already there. */
export const BAKED_MARKER = '/etc/moodle-ha/baked-ami';

