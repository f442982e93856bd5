/**
 * Tables of the rules on a config.php the template writes (issue 9, the aws-refarch-moodle style:
 * user data or cfn-init writes config.php with $CFG->wwwroot, dataroot, sessions).
 */
import { moodledataOnSharedStorage } from '../../../../../../src/engine/lint/rules/moodle-config/moodledata-on-shared-storage';
import { sessionsNotInFiles } from '../../../../../../src/engine/lint/rules/moodle-config/sessions-not-in-local-files';
import { wwwrootMatchesLoadBalancer } from '../../../../../../src/engine/lint/rules/moodle-config/wwwroot-matches-load-balancer';
import { clientAddressBehindLoadBalancer } from '../../../../../../src/engine/lint/rules/moodle-config/client-address-behind-load-balancer';
import { mailRelay } from '../../../../../../src/engine/lint/rules/moodle-config/mail-relay';
import { applicationCacheStore } from '../../../../../../src/engine/lint/rules/moodle-config/application-cache-store';
import type { RuleTable } from '../rule-table';
import { ALB, ASG, EFS, MOUNT_EFS, REDIS, REDIS_CONFIG, stack, without } from './snippets';

const HTTP_ONLY_ALB = without(without(ALB, 'Port: 443', '      Port: 80'), 'Protocol: HTTPS', '      Protocol: HTTP');
const web = (config: string[], resources: string[] = ALB, mount: string[] = MOUNT_EFS) =>
  stack({ resources: [...resources, ...EFS], userData: ['#!/bin/bash', ...mount], config: ["$CFG->dataroot = '/mnt/moodledata';", ...config] });
/**
 * The same stack with config.php written by cfn-init (a file in AWS::CloudFormation::Init of the
 * launch template), its content built with Fn::Sub or Fn::Join as hand-written templates do.
 */
const cfnInitWeb = (config: string[], form: 'sub' | 'join', resources: string[] = ALB, mount: string[] = MOUNT_EFS) => {
  const lines = ['<?php', "$CFG->dataroot = '/mnt/moodledata';", ...config];
  const content = form === 'sub'
    ? ['              content: !Sub |', ...lines.map((l) => '                ' + l)]
    : ['              content: !Join', "                - ''", ...lines.flatMap((l, i) => {
      // A ${Resource.Attribute} becomes a !GetAtt piece of the Join, as the refarch writes it.
      const m = l.match(/^(.*)\$\{(\w+)\.(\w+)\}(.*)$/);
      const pieces = m ? [JSON.stringify(m[1]), `!GetAtt ${m[2]}.${m[3]}`, JSON.stringify(`${m[4]}\n`)] : [JSON.stringify(`${l}\n`)];
      return pieces.map((p, j) => (i === 0 && j === 0 ? '                - - ' : '                  - ') + p);
    })];
  const metadata = ['    Metadata:', '      AWS::CloudFormation::Init:', '        config:', '          files:', '            /var/www/moodle/config.php:', ...content, "              mode: '000440'"];
  const template = stack({ resources: [...resources, ...EFS], userData: ['#!/bin/bash', ...mount, '/opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Lt --region ${AWS::Region}'] });
  return template.replace('  Lt:\n', ['  Lt:', ...metadata, ''].join('\n'));
};
const ONE_NODE = without(ASG, "MaxSize: '4'", "      MaxSize: '1'");
/** A second Redis group, for Moodle's application caches (MUC). */
const MUC_REDIS = REDIS.map((l) => l.replace('  Cache:', '  MucCache:').replace('ReplicationGroupDescription: sessions', 'ReplicationGroupDescription: application cache'));

export const moodleConfigTables: RuleTable[] = [
  {
    rule: wwwrootMatchesLoadBalancer,
    valid: [
      { name: 'https wwwroot with sslproxy behind the HTTPS listener', template: web(["$CFG->wwwroot = 'https://${DomainName}';", '$CFG->sslproxy = true;']) },
      { name: 'config.php written by cfn-init with Fn::Join: https wwwroot with sslproxy', template: cfnInitWeb(["$CFG->wwwroot = 'https://moodle.example.edu';", '$CFG->sslproxy = true;'], 'join') },
      { name: 'http wwwroot on a load balancer without HTTPS', template: web(["$CFG->wwwroot = 'http://moodle.example.edu';"], HTTP_ONLY_ALB) },
      { name: 'wwwroot built at run time (refarch: strtolower of a variable) is not judged', template: web(['$CFG->wwwroot = strtolower($hostwithprotocol);', "$CFG->sslproxy = (substr($hostwithprotocol,0,5)=='https' ? true : false);"]) },
      { name: 'sslproxy derived from the scheme is not judged', template: web(["$CFG->wwwroot = 'https://moodle.example.edu';", "$CFG->sslproxy = (substr($CFG->wwwroot, 0, 5) == 'https');"]) },
      { name: 'mixed case only inside a ${Parameter} placeholder', template: web(["$CFG->wwwroot = 'https://${SiteDomain}';", '$CFG->sslproxy = 1;']) },
    ],
    invalid: [
      { name: 'http:// behind the HTTPS listener (refarch with a domain name without a scheme)', template: web(["$CFG->wwwroot = 'http://${DomainName}';"]), line: 'UserData', message: /http:\/\/ while users reach Alb over HTTPS/ },
      { name: 'https:// without sslproxy', template: web(["$CFG->wwwroot = 'https://moodle.example.edu';"]), line: 'UserData', message: /sslproxy is not true.*redirects it forever/ },
      { name: 'https:// with sslproxy false', template: web(["$CFG->wwwroot = 'https://moodle.example.edu';", '$CFG->sslproxy = false;']), line: 'UserData', message: /sslproxy is not true/ },
      { name: 'a mixed-case host', template: web(["$CFG->wwwroot = 'https://Moodle.Example.edu';", '$CFG->sslproxy = true;']), line: 'UserData', message: /upper-case letters/ },
      { name: 'a trailing slash', template: web(["$CFG->wwwroot = 'https://moodle.example.edu/';", '$CFG->sslproxy = true;']), line: 'UserData', message: /ends with a slash/ },
      { name: 'config.php written by cfn-init with Fn::Sub: a mixed-case host', template: cfnInitWeb(["$CFG->wwwroot = 'https://Moodle.Example.edu';", '$CFG->sslproxy = true;'], 'sub'), line: 'UserData', message: /config\.php sets \$CFG->wwwroot = 'https:\/\/Moodle\.Example\.edu', but its host .* has upper-case letters/ },
      { name: 'config.php written by cfn-init with Fn::Join around the load balancer name: http:// behind HTTPS', template: cfnInitWeb(["$CFG->wwwroot = 'http://${Alb.DNSName}';"], 'join'), line: 'UserData', message: /\$CFG->wwwroot = 'http:\/\/\$\{Alb\.DNSName\}', but it is http:\/\/ while users reach Alb over HTTPS/ },
      { name: 'https:// on an ALB without an HTTPS listener', template: web(["$CFG->wwwroot = 'https://moodle.example.edu';", '$CFG->sslproxy = true;'], HTTP_ONLY_ALB), line: 'UserData', message: /no HTTPS listener/ },
    ],
  },
  {
    rule: moodledataOnSharedStorage,
    valid: [
      { name: 'dataroot at the EFS mount point, temp and cache dirs unset', template: web([]) },
      { name: 'tempdir and cachedir below the mount point', template: web(["$CFG->tempdir = '/mnt/moodledata/temp';", "$CFG->cachedir = '/mnt/moodledata/cache';", "$CFG->localcachedir = '/var/cache/moodle';"]) },
      { name: 'mounted through an fstab line (amazon-efs-utils)', template: web([], ALB, ['echo "${Fs}:/ /mnt/moodledata efs _netdev,noresvport,tls 0 0" >> /etc/fstab', 'mount -a']) },
      { name: 'tempdir is a link into the mount', template: web(["$CFG->tempdir = '/var/www/moodle/temp';"], ALB, [...MOUNT_EFS, 'ln -sfn /mnt/moodledata/temp /var/www/moodle/temp']) },
      { name: 'dataroot from getenv() is not judged', template: web([]).replace("$CFG->dataroot = '/mnt/moodledata';", "$CFG->dataroot = getenv('MOODLE_DATA');") },
    ],
    invalid: [
      { name: 'refarch: tempdir and cachedir next to the code, only data mounted', template: web(["$CFG->tempdir = '/var/www/moodle/temp';", "$CFG->cachedir = '/var/www/moodle/cache';"]), line: 'UserData', message: /\$CFG->tempdir \('\/var\/www\/moodle\/temp'\), \$CFG->cachedir \('\/var\/www\/moodle\/cache'\) on each server's local disk/ },
      { name: 'dataroot beside the mount point', template: web([]).replace("$CFG->dataroot = '/mnt/moodledata';", "$CFG->dataroot = '/var/moodledata';"), line: 'UserData', message: /\$CFG->dataroot \('\/var\/moodledata'\).*mounted at \/mnt\/moodledata/ },
      { name: 'config.php written by cfn-init with Fn::Join: tempdir next to the code', template: cfnInitWeb(["$CFG->tempdir = '/var/www/moodle/temp';"], 'join'), line: 'UserData', message: /\$CFG->tempdir \('\/var\/www\/moodle\/temp'\) on each server's local disk: the shared file system is mounted at \/mnt\/moodledata\./ },
      { name: 'a path that only starts like the mount point', template: web(["$CFG->backuptempdir = '/mnt/moodledata-local/backup';"]), line: 'UserData', message: /backuptempdir/ },
      { name: 'refarch: the mount of tempdir is commented out (#mount runs nothing)', template: web(["$CFG->tempdir = '/var/www/moodle/temp';"], ALB, [...MOUNT_EFS, '#mount -t nfs4 -o nfsvers=4.1 ${Fs}.efs.${AWS::Region}.amazonaws.com:/temp /var/www/moodle/temp']), line: 'UserData', message: /\$CFG->tempdir \('\/var\/www\/moodle\/temp'\) on each server's local disk: the shared file system is mounted at \/mnt\/moodledata\./ },
      { name: 'refarch: a mount the script takes down again (umount) does not count', template: web(["$CFG->cachedir = '/efs/cache';"], ALB, [...MOUNT_EFS, 'mount -t nfs4 ${Fs}.efs.${AWS::Region}.amazonaws.com:/ /efs', 'mkdir -p /efs/data', 'umount -f /efs']), line: 'UserData', message: /cachedir \('\/efs\/cache'\).*mounted at \/mnt\/moodledata\..*e\.g\. '\/mnt\/moodledata\/cache'/ },
    ],
  },
  {
    rule: sessionsNotInFiles,
    valid: [
      { name: 'Redis sessions', template: web(REDIS_CONFIG, [...ALB, ...REDIS]) },
      { name: 'database sessions', template: web(["$CFG->session_handler_class = '\\core\\session\\database';"]) },
      { name: 'one server only', template: stack({ asg: ONE_NODE, resources: [...ALB, ...EFS], userData: ['#!/bin/bash', ...MOUNT_EFS], config: ["$CFG->dataroot = '/mnt/moodledata';"] }) },
      { name: 'a cache exists: sessions-use-cache (MHA4002) reports it instead', template: web([], [...ALB, ...REDIS]) },
      { name: 'Redis sessions in a config.php written by cfn-init with Fn::Join', template: cfnInitWeb(REDIS_CONFIG, 'join') },
    ],
    invalid: [
      { name: 'file sessions in a shared dataroot', template: web([]), line: 'UserData', message: /lock file on the network file system/, severity: 'warning' },
      { name: 'file sessions in a config.php written by cfn-init with Fn::Sub', template: cfnInitWeb([], 'sub'), line: 'UserData', message: /lock file on the network file system/, severity: 'warning' },
      { name: 'file sessions in a local dataroot', template: web([]).replace("$CFG->dataroot = '/mnt/moodledata';", "$CFG->dataroot = '/var/moodledata';"), line: 'UserData', message: /not on shared storage.*logged out/, severity: 'error' },
    ],
  },
  {
    rule: clientAddressBehindLoadBalancer,
    valid: [
      { name: 'getremoteaddrconf = 1: X-Forwarded-For, never Client-IP', template: web(['$CFG->getremoteaddrconf = 1;']) },
      { name: "Moodle's constant for it", template: web(['$CFG->getremoteaddrconf = GETREMOTEADDR_SKIP_HTTP_CLIENT_IP;']) },
      { name: 'the value quoted as a string', template: web(["$CFG->getremoteaddrconf = '1';"]) },
      { name: 'a value computed at run time is not judged', template: web(["$CFG->getremoteaddrconf = (int)getenv('MOODLE_REMOTE_ADDR_CONF');"]) },
      { name: 'config.php written by cfn-init with Fn::Join: getremoteaddrconf = 1', template: cfnInitWeb(['$CFG->getremoteaddrconf = 1;'], 'join') },
    ],
    invalid: [
      { name: "unset: Moodle's default reads REMOTE_ADDR, the load balancer", template: web([]), line: 'UserData', message: /does not set \$CFG->getremoteaddrconf, so Moodle reads only REMOTE_ADDR.*behind Alb that is the load balancer's own address/ },
      { name: 'refarch: getremoteaddrconf = 0 trusts a Client-IP header the browser sends', template: web(['$CFG->getremoteaddrconf = 0;']), line: 'UserData', message: /sets \$CFG->getremoteaddrconf = 0: Moodle then believes a Client-IP header first, which Alb passes through/ },
      { name: 'GETREMOTEADDR_SKIP_DEFAULT skips X-Forwarded-For', template: web(['$CFG->getremoteaddrconf = GETREMOTEADDR_SKIP_DEFAULT;']), line: 'UserData', message: /load balancer's own address/ },
      { name: '2 (skip X-Forwarded-For only) reads Client-IP, then REMOTE_ADDR', template: web(['$CFG->getremoteaddrconf = 2;']), line: 'UserData', message: /load balancer's own address/ },
      { name: 'config.php written by cfn-init with Fn::Sub: unset', template: cfnInitWeb([], 'sub'), line: 'UserData', message: /does not set \$CFG->getremoteaddrconf/ },
    ],
  },
  {
    rule: mailRelay,
    valid: [
      { name: 'Amazon SES through smtphosts', template: web(["$CFG->smtphosts = 'email-smtp.eu-west-1.amazonaws.com:587';", "$CFG->smtpsecure = 'tls';"]) },
      { name: 'a site meant to send nothing ($CFG->noemailever)', template: web(['$CFG->noemailever = true;']) },
      { name: 'config.php written by cfn-init with Fn::Join: smtphosts set', template: cfnInitWeb(["$CFG->smtphosts = 'smtp.school.example:587';"], 'join') },
    ],
    invalid: [
      { name: 'no smtphosts: PHP mail() on EC2', template: web([]), line: 'UserData', message: /does not set \$CFG->smtphosts, so Moodle hands mail to PHP's mail\(\).*EC2 blocks outbound port 25/ },
      { name: 'noemailever false still needs a relay', template: web(['$CFG->noemailever = false;']), line: 'UserData', message: /does not set \$CFG->smtphosts/ },
    ],
  },
  {
    rule: applicationCacheStore,
    valid: [
      { name: 'a second replication group beside the session cache', template: web(REDIS_CONFIG, [...ALB, ...REDIS, ...MUC_REDIS]) },
      { name: 'sessions in the database: the one cache can be the application cache', template: web(["$CFG->session_handler_class = '\\core\\session\\database';"], [...ALB, ...REDIS]) },
      { name: 'tool_forcedcache configures the stores from config.php', template: web([...REDIS_CONFIG, "$CFG->alternative_cache_factory_class = 'tool_forcedcache_cache_factory';"], [...ALB, ...REDIS]) },
      { name: 'one server only', template: stack({ asg: ONE_NODE, resources: [...ALB, ...EFS, ...REDIS], userData: ['#!/bin/bash', ...MOUNT_EFS], config: ["$CFG->dataroot = '/mnt/moodledata';", ...REDIS_CONFIG] }) },
    ],
    invalid: [
      { name: 'one cache, holding the sessions', template: web(REDIS_CONFIG, [...ALB, ...REDIS]), line: 'UserData', message: /the only cache store in the template holds the sessions, so Moodle's application caches \(MUC.*file store in \$CFG->cachedir/ },
      { name: 'no cache at all', template: web(["$CFG->session_handler_class = '\\core\\session\\database';"]), line: 'UserData', message: /the template has no cache store/ },
    ],
  },
];
