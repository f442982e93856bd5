import { usesHttps } from '../options';
import { cacheEnv } from './cache';
import { databaseEnv } from './database';
import type { CfnValue } from './intrinsics';
import type { BuildContext } from './section';

export const DATA_DIR = '/mnt/moodledata';
export const CODE_DIR = '/var/www/moodle';

/**
 * The boot script of a web server (Amazon Linux 2023), as the text of an Fn::Sub: `${X}` are
 * CloudFormation references (attributes come in through variables: moto reads `${A.B.C}` wrongly),
 * so shell variables are written `$name`, never `${name}`.
 * It prepares the node; the code and config.php arrive with CodeDeploy (moodle/hooks/).
 */
export function userDataScript(ctx: BuildContext): { script: string; vars: Record<string, CfnValue> } {
  const { options } = ctx;
  const php = `php${options.web.phpVersion}`;
  const nginx = options.web.server === 'nginx';
  const packages = [
    php, `${php}-cli`, `${php}-fpm`, `${php}-mysqlnd`, `${php}-pgsql`, `${php}-gd`, `${php}-intl`, `${php}-mbstring`,
    `${php}-opcache`, `${php}-soap`, `${php}-xml`, `${php}-zip`, `${php}-sodium`, `${php}-devel`, 'php-pear', 'gcc', 'make',
    nginx ? 'nginx' : 'httpd', 'ruby', 'wget', 'cronie', 'rsync', 'jq', 'util-linux',
    ...storagePackages(ctx),
    ...(options.cache.engine === 'memcached' ? ['libmemcached-awesome-devel', 'zlib-devel'] : []),
  ];
  const pecl = options.cache.engine === 'memcached' ? 'memcached' : 'redis';
  const docRoot = options.web.moodleVersion === '5.1' ? `${CODE_DIR}/public` : CODE_DIR;
  const server = nginx ? 'nginx' : 'httpd';
  const db = databaseEnv(ctx);
  const cache = cacheEnv(ctx);
  const script = [
    '#!/bin/bash',
    '# Prepares a Moodle web server. Code and config.php are installed by CodeDeploy (moodle/hooks/).',
    'set -euo pipefail',
    'exec > >(tee -a /var/log/moodle-ha-boot.log) 2>&1',
    '',
    '# PHP with the extensions Moodle needs, the web server, and the tools the deploy hooks use.',
    `dnf install -y ${packages.join(' ')}`,
    `printf '\\n' | pecl install -f ${pecl}`,
    `echo 'extension=${pecl}.so' > /etc/php.d/50-${pecl}.ini`,
    '',
    '# CodeDeploy agent: every deploy runs the hooks in moodle/hooks/ on this node.',
    'wget -q -O /tmp/codedeploy-install https://aws-codedeploy-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}/latest/install',
    'chmod +x /tmp/codedeploy-install && /tmp/codedeploy-install auto',
    '',
    `# Shared moodledata at ${DATA_DIR}; code stays on local disk (${CODE_DIR}).`,
    `mkdir -p ${DATA_DIR} ${CODE_DIR} /var/cache/moodle /etc/moodle-ha`,
    ...mountLines(ctx),
    `for attempt in 1 2 3 4 5 6 7 8 9 10; do mount ${DATA_DIR} && break; echo "mount attempt $attempt failed"; sleep 15; done`,
    `mountpoint -q ${DATA_DIR}`,
    `chown apache:apache ${DATA_DIR} /var/cache/moodle`,
    '',
    "# What the deploy hooks render config.php from (at deploy time, never per request).",
    "cat > /etc/moodle-ha/moodle.env <<'ENV'",
    'MOODLE_CONFIG_SOURCE=aws',
    'MOODLE_AWS_REGION=${AWS::Region}',
    'MOODLE_WWWROOT=${SiteUrl}',
    `MOODLE_SSLPROXY=${usesHttps(options) ? 1 : 0}`,
    `MOODLE_CODE_DIR=${CODE_DIR}`,
    `MOODLE_DATA_DIR=${DATA_DIR}`,
    'MOODLE_WEB_USER=apache',
    `MOODLE_RESTART_CMD='systemctl restart php-fpm ${server}'`,
    ...db.lines,
    ...cache.lines,
    'ENV',
    'chmod 600 /etc/moodle-ha/moodle.env',
    '',
    ...(nginx ? nginxConfig(docRoot) : apacheConfig(docRoot)),
    `systemctl enable --now php-fpm ${server} crond`,
    '',
  ].join('\n');
  return { script, vars: { ...db.vars, ...cache.vars } };
}

function storagePackages(ctx: BuildContext): string[] {
  switch (ctx.options.storage.kind) {
    case 'efs': return ['amazon-efs-utils'];
    case 'nfs': return ['nfs-utils'];
    case 'glusterfs': return ['glusterfs-fuse'];
  }
}

function mountLines(ctx: BuildContext): string[] {
  switch (ctx.options.storage.kind) {
    case 'efs': return ['# EFS with TLS in transit (amazon-efs-utils).', `echo "\${SharedFileSystem}:/ ${DATA_DIR} efs _netdev,noresvport,tls 0 0" >> /etc/fstab`];
    case 'nfs': return [`echo "\${SharedStorageEndpoint} ${DATA_DIR} nfs4 nfsvers=4.1,hard,timeo=600,retrans=2,noresvport,_netdev 0 0" >> /etc/fstab`];
    case 'glusterfs': return ['# glusterfs-fuse may need the GlusterFS repository on Amazon Linux 2023.', `echo "\${SharedStorageEndpoint} ${DATA_DIR} glusterfs defaults,_netdev 0 0" >> /etc/fstab`];
  }
}

function apacheConfig(docRoot: string): string[] {
  return [
    '# Apache hands PHP to php-fpm (Amazon Linux default); unknown URLs go to Moodle\'s router (r.php).',
    "cat > /etc/httpd/conf.d/moodle.conf <<'CONF'",
    '<VirtualHost *:80>',
    `    DocumentRoot ${docRoot}`,
    `    <Directory ${docRoot}>`,
    '        Options FollowSymLinks',
    '        AllowOverride None',
    '        Require all granted',
    '        DirectoryIndex index.php',
    '        FallbackResource /r.php',
    '    </Directory>',
    '    <DirectoryMatch "/\\.(?!well-known)">',
    '        Require all denied',
    '    </DirectoryMatch>',
    '</VirtualHost>',
    'CONF',
  ];
}

function nginxConfig(docRoot: string): string[] {
  return [
    "# nginx hands PHP to php-fpm; unknown URLs go to Moodle's router (r.php).",
    "cat > /etc/nginx/conf.d/moodle.conf <<'CONF'",
    'server {',
    '    listen 80 default_server;',
    `    root ${docRoot};`,
    '    index index.php;',
    '    client_max_body_size 512m;',
    '    location ~ /\\.(?!well-known) { deny all; }',
    '    location / { try_files $uri $uri/ /r.php$is_args$args; }',
    '    location ~ [^/]\\.php(/|$) {',
    '        fastcgi_split_path_info ^(.+\\.php)(/.+)$;',
    '        fastcgi_pass unix:/run/php-fpm/www.sock;',
    '        fastcgi_index index.php;',
    '        include fastcgi_params;',
    '        fastcgi_param PATH_INFO $fastcgi_path_info;',
    '        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
    '        fastcgi_read_timeout 300;',
    '    }',
    '}',
    'CONF',
  ];
}
