import { dataTierNotPublic } from '../../../../../../src/engine/lint/rules/network/data-tier-not-public';
import { httpRedirectsToHttps } from '../../../../../../src/engine/lint/rules/network/http-redirects-to-https';
import { httpsListener } from '../../../../../../src/engine/lint/rules/network/https-listener';
import type { RuleTable } from '../rule-table';
import { ALB, AURORA, EFS, REDIS, stack } from './snippets';

const sg = (name: string, ingress: string[]) => [`  ${name}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: ${name}`, '      VpcId: vpc-1', '      SecurityGroupIngress:', ...ingress];
const rule = (from: number, to: number, source: string, protocol = 'tcp') => [`        - IpProtocol: ${protocol}`, `          FromPort: ${from}`, `          ToPort: ${to}`, `          ${source}`];
const FROM_WEB = 'SourceSecurityGroupId: !Ref WebSg';
const HTTP_FORWARD = ['  Http:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 80', '      Protocol: HTTP', '      DefaultActions:', '        - Type: forward', '          TargetGroupArn: !Ref Tg'];
const HTTP_REDIRECT = ['  Http:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 80', '      Protocol: HTTP', '      DefaultActions:', '        - Type: redirect', '          RedirectConfig:', '            Protocol: HTTPS', "            Port: '443'", '            StatusCode: HTTP_301'];
const HTTP_ONLY_ALB = [...ALB.slice(0, ALB.indexOf('  Https:')), ...HTTP_FORWARD];

export const networkTables: RuleTable[] = [
  {
    rule: dataTierNotPublic,
    valid: [
      { name: 'data tier admits the web tier only', template: stack({ resources: [...AURORA, ...REDIS, ...EFS, ...sg('DbSg', rule(3306, 3306, FROM_WEB)), ...sg('CacheSg', rule(6379, 6379, FROM_WEB)), ...sg('FsSg', rule(2049, 2049, FROM_WEB))] }) },
      { name: 'open on a port the database does not use', template: stack({ resources: [...AURORA, ...sg('DbSg', rule(8080, 8080, 'CidrIp: 0.0.0.0/0'))] }) },
      { name: 'the load balancer group may be open', template: stack({ resources: [...AURORA, ...sg('DbSg', rule(3306, 3306, FROM_WEB)), ...sg('AlbSg', rule(443, 443, 'CidrIp: 0.0.0.0/0'))] }) },
    ],
    invalid: [
      { name: 'database open to 0.0.0.0/0', template: stack({ resources: [...AURORA, ...sg('DbSg', rule(3306, 3306, 'CidrIp: 0.0.0.0/0'))] }), line: 'CidrIp: 0.0.0.0/0', message: /DbSg of the database accepts port 3306 from 0\.0\.0\.0\/0/ },
      {
        name: 'cache open to ::/0 by a separate ingress resource',
        template: stack({ resources: [...REDIS, ...sg('CacheSg', rule(6379, 6379, FROM_WEB)), '  CacheOpen:', '    Type: AWS::EC2::SecurityGroupIngress', '    Properties:', '      GroupId: !GetAtt CacheSg.GroupId', '      IpProtocol: tcp', '      FromPort: 0', '      ToPort: 65535', '      CidrIpv6: ::/0'] }),
        line: 'CidrIpv6', message: /session cache accepts port 6379 from ::\/0/,
      },
      { name: 'EFS open to all traffic', template: stack({ resources: [...EFS, ...sg('FsSg', rule(-1, -1, 'CidrIp: 0.0.0.0/0', '-1'))] }), line: 'CidrIp: 0.0.0.0/0', message: /shared file system accepts port 2049/ },
    ],
  },
  {
    rule: httpsListener,
    valid: [
      { name: 'HTTPS listener', template: stack({ resources: [...ALB, ...HTTP_REDIRECT] }) },
      { name: 'NLB passing TLS through on TCP 443', template: stack({ resources: ['  Alb:', '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '    Properties:', '      Type: network', '  Tcp:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 443', '      Protocol: TCP', '      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tg}]'] }) },
      { name: 'internal load balancer', template: stack({ resources: [...HTTP_ONLY_ALB.slice(0, 3), '      Scheme: internal', ...HTTP_ONLY_ALB.slice(3)] }) },
    ],
    invalid: [{ name: 'HTTP only', template: stack({ resources: HTTP_ONLY_ALB }), line: '  Alb:', message: /no HTTPS listener.*port 443/ }],
  },
  {
    rule: httpRedirectsToHttps,
    valid: [
      { name: 'HTTP redirects', template: stack({ resources: [...ALB, ...HTTP_REDIRECT] }) },
      { name: 'no HTTP listener', template: stack({ resources: ALB }) },
    ],
    invalid: [
      { name: 'HTTP forwards to Moodle', template: stack({ resources: [...ALB, ...HTTP_FORWARD] }), line: 'DefaultActions', occurrence: 2, message: /serves Moodle over plain HTTP/, fixable: true },
      {
        name: 'HTTP forwards, in the middle of the file',
        template: stack({ resources: [...ALB, ...HTTP_FORWARD, '  After:', '    Type: AWS::S3::Bucket'] }), line: 'DefaultActions', occurrence: 2, message: /plain HTTP/, fixable: true,
      },
    ],
  },
];
