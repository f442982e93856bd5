import { usesHttps } from '../options';
import { cacheEnv } from './cache';
import { databaseEnv } from './database';
import { Join, Ref, type CfnValue } from './intrinsics';
import { mailEnv } from './mail';
import { BAKED_MARKER, CODE_DIR, DATA_DIR, HEALTH_DIR, HEALTH_FILE, HEALTH_PATH, LOG_DIR, PECL_VERSIONS, RDS_CA_FILE } from './node-paths';
import type { BuildContext } from './section';

export { BAKED_MARKER, CODE_DIR, DATA_DIR, HEALTH_DIR, HEALTH_FILE, HEALTH_PATH, LOG_DIR, PECL_VERSIONS, RDS_CA_FILE } from './node-paths';

/**
 * The boot script of a web server (Amazon Linux 2023), as the text of an Fn::Sub: `${X}` are
 * CloudFormation references (attributes come in through variables: moto reads `${A.B.C}` wrongly),
 * so shell variables are written `$name`, never `${name}`.
 * It prepares the node and signals CloudFormation; the CodeDeploy agent starts last, so no
 * deployment can run before moodledata is mounted and moodle.env is written.
 */
export function userDataScript(ctx: BuildContext): { script: string; vars: Record<string, CfnValue> } {
  const { options } = ctx;
  const php = `php${options.web.phpVersion}`;
  const nginx = options.web.server === 'nginx';
  const packages = [
    php, `${php}-cli`, `${php}-fpm`, `${php}-mysqlnd`, `${php}-pgsql`, `${php}-gd`, `${php}-intl`, `${php}-mbstring`,
    `${php}-opcache`, `${php}-soap`, `${php}-xml`, `${php}-zip`, `${php}-sodium`, `${php}-devel`, 'php-pear', 'gcc', 'make',
    nginx ? 'nginx' : 'httpd', 'ruby', 'wget', 'cronie', 'rsync', 'jq', 'util-linux', 'aws-cfn-bootstrap', 'amazon-cloudwatch-agent',
    ...storagePackages(ctx),
    ...(options.cache.engine === 'memcached' ? ['libmemcached-awesome-devel', 'zlib-devel'] : []),
  ];
  const peclNames = options.cache.engine === 'memcached' ? ['memcached', 'redis'] as const : ['redis'] as const;
  const docRoot = options.web.moodleVersion === '5.1' ? `${CODE_DIR}/public` : CODE_DIR;
  const server = nginx ? 'nginx' : 'httpd';
  const db = databaseEnv(ctx);
  const cache = cacheEnv(ctx);
  const mail = mailEnv(ctx);
  const script = [
    '#!/bin/bash',
    '# Prepares a Moodle web server. Code and config.php are installed by CodeDeploy (moodle/hooks/).',
    'set -euo pipefail',
    'exec > >(tee -a /var/log/moodle-ha-boot.log) 2>&1',
    '# CloudFormation waits for this signal (CreationPolicy, rolling updates): a failed boot fails the stack.',
    'signal() { /opt/aws/bin/cfn-signal -e "$1" --stack ${AWS::StackName} --resource WebAutoScalingGroup --region ${AWS::Region} || true; }',
    "trap 'signal 1' ERR",
    `mkdir -p ${DATA_DIR} ${CODE_DIR} /var/cache/moodle /etc/moodle-ha ${LOG_DIR} ${HEALTH_DIR} /etc/pki/moodle-ha`,
    '',
    `# PHP with the extensions Moodle needs, the web server, and the tools the deploy hooks use (a baked AMI has them: ${BAKED_MARKER}).`,
    `if [ ! -f ${BAKED_MARKER} ]; then`,
    `  dnf install -y ${packages.join(' ')}`,
    ...peclNames.map((name) => `  printf '\\n' | pecl install -f ${name}-${PECL_VERSIONS[name]}`),
    ...peclNames.map((name) => `  echo 'extension=${name}.so' > /etc/php.d/50-${name}.ini`),
    '  # The RDS CA bundle: Moodle connects to the database over TLS and verifies it.',
    `  curl -fsS --retry 5 -o ${RDS_CA_FILE} https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem`,
    'fi',
    '',
    '# Logs leave the node before the Auto Scaling group can terminate it: boot, web server, PHP-FPM, Moodle cron.',
    "cat > /opt/aws/amazon-cloudwatch-agent/etc/moodle-ha.json <<'JSON'",
    cloudWatchAgentConfig(server),
    'JSON',
    '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/moodle-ha.json',
    '',
    `# Shared moodledata at ${DATA_DIR}; code stays on local disk (${CODE_DIR}).`,
    ...mountLines(ctx),
    `for attempt in 1 2 3 4 5 6 7 8 9 10; do mount ${DATA_DIR} && break; echo "mount attempt $attempt failed"; sleep 15; done`,
    `mountpoint -q ${DATA_DIR}`,
    `chown apache:apache ${DATA_DIR} /var/cache/moodle ${LOG_DIR}`,
    '',
    `# The load balancer's health check (${HEALTH_PATH}): PHP without Moodle's code, so it answers before the first deploy`,
    '# and in maintenance mode, and fails when PHP-FPM does.',
    `echo '<?php echo "ok";' > ${HEALTH_FILE}`,
    '',
    "# Moodle compares the request's host with wwwroot case-sensitively, browsers send it lower-case, and",
    "# the load balancer's generated name is mixed-case: wwwroot is lower-cased here.",
    "wwwroot=$(printf '%s' '${SiteUrl}' | tr '[:upper:]' '[:lower:]')",
    '',
    "# What the deploy hooks render config.php from (at deploy time, never per request). No passwords: secrets stay in Secrets Manager.",
    "cat > /etc/moodle-ha/moodle.env <<'ENV'",
    'MOODLE_CONFIG_SOURCE=aws',
    'MOODLE_AWS_REGION=${AWS::Region}',
    'MOODLE_STACK_NAME=${AWS::StackName}',
    `MOODLE_SSLPROXY=${usesHttps(options) ? 1 : 0}`,
    'MOODLE_TRUSTED_PROXIES=${TrustedProxies}',
    `MOODLE_CODE_DIR=${CODE_DIR}`,
    `MOODLE_DATA_DIR=${DATA_DIR}`,
    `MOODLE_HEALTH_FILE=${HEALTH_FILE}`,
    `MOODLE_LOG_DIR=${LOG_DIR}`,
    'MOODLE_WEB_USER=apache',
    `MOODLE_RESTART_CMD='systemctl restart php-fpm ${server}'`,
    'MOODLE_ADMIN_SECRET_ARN=${AdminPasswordSecret}',
    ...db.lines,
    ...cache.lines,
    ...mail.lines,
    'ENV',
    "printf 'MOODLE_WWWROOT=%s\\n' \"$wwwroot\" >> /etc/moodle-ha/moodle.env",
    'chmod 600 /etc/moodle-ha/moodle.env',
    '',
    ...(nginx ? nginxConfig(docRoot) : apacheConfig(docRoot)),
    `systemctl enable --now php-fpm ${server} crond`,
    '',
    '# Last: the CodeDeploy agent. Every deploy runs the hooks in moodle/hooks/ on this node, so it starts',
    '# only when the node is ready (the CodeDeploy guide: agent after all bootstrapping).',
    `if [ ! -f ${BAKED_MARKER} ]; then`,
    '  wget -q -O /tmp/codedeploy-install https://aws-codedeploy-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}/latest/install',
    '  chmod +x /tmp/codedeploy-install && /tmp/codedeploy-install auto',
    'fi',
    'systemctl enable --now codedeploy-agent',
    'signal 0',
    '',
  ].join('\n');
  return { script, vars: { TrustedProxies: trustedProxies(ctx), ...db.vars, ...cache.vars, ...mail.vars } };
}

/** The load balancer lives in the public subnets: Moodle trusts X-Forwarded-For from there only. */
function trustedProxies(ctx: BuildContext): CfnValue {
  return Join(',', ctx.azs.map((i) => Ref(`PublicSubnet${i}Cidr`)));
}

function cloudWatchAgentConfig(server: string): string {
  const files: [string, string][] = [
    ['/var/log/moodle-ha-boot.log', 'boot'],
    [server === 'nginx' ? '/var/log/nginx/error.log' : '/var/log/httpd/error_log', `${server}-error`],
    [server === 'nginx' ? '/var/log/nginx/access.log' : '/var/log/httpd/access_log', `${server}-access`],
    ['/var/log/php-fpm/error.log', 'php-fpm'],
    ['/var/log/php-fpm/www-error.log', 'php-errors'],
    [`${LOG_DIR}/*.log`, 'moodle'],
  ];
  const collect = files.map(([path, stream]) => ({ file_path: path, log_group_name: '${WebLogGroup}', log_stream_name: `{instance_id}/${stream}` }));
  return JSON.stringify({ logs: { logs_collected: { files: { collect_list: collect } } } });
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
    `    # PHP-FPM serves it through the .php handler of conf.d/php.conf.`,
    `    Alias ${HEALTH_PATH} ${HEALTH_FILE}`,
    `    <Directory ${HEALTH_DIR}>`,
    '        Require all granted',
    '    </Directory>',
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
    `    location = ${HEALTH_PATH} { include fastcgi_params; fastcgi_param SCRIPT_FILENAME ${HEALTH_FILE}; fastcgi_pass unix:/run/php-fpm/www.sock; }`,
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
