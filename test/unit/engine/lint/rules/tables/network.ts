import { dataTierEgressClosed } from '../../../../../../src/engine/lint/rules/network/data-tier-egress-closed';
import { dataTierNotPublic } from '../../../../../../src/engine/lint/rules/network/data-tier-not-public';
import { httpRedirectsToHttps } from '../../../../../../src/engine/lint/rules/network/http-redirects-to-https';
import { httpsListener } from '../../../../../../src/engine/lint/rules/network/https-listener';
import { wafPassesMoodleUploads } from '../../../../../../src/engine/lint/rules/network/waf-passes-moodle-uploads';
import type { RuleTable } from '../rule-table';
import { ALB, AURORA, EFS, LAUNCH_DATA, REDIS, stack } from './snippets';

const sg = (name: string, ingress: string[]) => [`  ${name}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: ${name}`, '      VpcId: vpc-1', '      SecurityGroupIngress:', ...ingress];
const rule = (from: number, to: number, source: string, protocol = 'tcp') => [`        - IpProtocol: ${protocol}`, `          FromPort: ${from}`, `          ToPort: ${to}`, `          ${source}`];
const FROM_WEB = 'SourceSecurityGroupId: !Ref WebSg';
const HTTP_FORWARD = ['  Http:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 80', '      Protocol: HTTP', '      DefaultActions:', '        - Type: forward', '          TargetGroupArn: !Ref Tg'];
const HTTP_REDIRECT = ['  Http:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 80', '      Protocol: HTTP', '      DefaultActions:', '        - Type: redirect', '          RedirectConfig:', '            Protocol: HTTPS', "            Port: '443'", '            StatusCode: HTTP_301'];
const HTTP_ONLY_ALB = [...ALB.slice(0, ALB.indexOf('  Https:')), ...HTTP_FORWARD];
/** The HTTPS listener exists only when a certificate is given (the pattern of templates with an HTTP demo mode). */
const CONDITIONAL_HTTPS_ALB = [...ALB.slice(0, ALB.indexOf('  Https:')), '  Https:', '    Condition: HasCertificate', ...ALB.slice(ALB.indexOf('  Https:') + 1)];
const CERT_CONDITION = ['Conditions:', "  HasCertificate: !Not [!Equals ['', !Ref CertificateArn]]"];
const CERT_PARAMETER = ['  CertificateArn:', '    Type: String', "    Default: ''"];
/** CloudFront in front of the load balancer: viewers are redirected to HTTPS, the origin leg is `origin`. */
const cloudFront = (origin: string, condition?: string) => [
  '  Cdn:', '    Type: AWS::CloudFront::Distribution', ...(condition ? [`    Condition: ${condition}`] : []), '    Properties:', '      DistributionConfig:', '        Enabled: true',
  '        DefaultCacheBehavior:', '          TargetOriginId: alb', '          ViewerProtocolPolicy: redirect-to-https', '          ForwardedValues: {QueryString: true}',
  '        Origins:', '          - Id: alb', '            DomainName: !GetAtt Alb.DNSName', '            CustomOriginConfig:', `              OriginProtocolPolicy: ${origin}`,
];
/** The one outbound rule that matches nothing: it replaces AWS's default allow-all rule. */
const CLOSED = ['      SecurityGroupEgress:', "        - IpProtocol: '-1'", '          CidrIp: 127.0.0.1/32'];
const egressResource = (name: string, group: string, target: string) => [`  ${name}:`, '    Type: AWS::EC2::SecurityGroupEgress', '    Properties:', `      GroupId: !GetAtt ${group}.GroupId`, "      IpProtocol: '-1'", `      ${target}`];
const DATA_TIER = [...AURORA, ...REDIS, ...EFS];
/** A stack() with a Conditions section: stack() writes Parameters and Resources, Conditions go between. */
const withConditions = (template: string) => template.replace('Resources:\n', [...CERT_CONDITION, 'Resources:', ''].join('\n'));

/** A web ACL running one AWS managed rule group (statement lines at 12 spaces), attached to the ALB unless `attach` is false. */
const webAcl = (group: string, statementExtra: string[] = [], ruleExtra: string[] = [], attach = true) => [
  '  Acl:', '    Type: AWS::WAFv2::WebACL', '    Properties:', '      Scope: REGIONAL', '      DefaultAction: {Allow: {}}',
  '      VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl}',
  '      Rules:', '        - Name: managed', '          Priority: 0', ...(ruleExtra.length ? ruleExtra : ['          OverrideAction: {None: {}}']),
  '          VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: managed}',
  '          Statement:', '            ManagedRuleGroupStatement:', '              VendorName: AWS', `              Name: ${group}`, ...statementExtra,
  ...(attach ? ['  AclOnAlb:', '    Type: AWS::WAFv2::WebACLAssociation', '    Properties:', '      ResourceArn: !Ref Alb', '      WebACLArn: !GetAtt Acl.Arn'] : []),
];
const CRS = 'AWSManagedRulesCommonRuleSet';
const countOverride = (rule: string, action = 'Count') => ['              RuleActionOverrides:', `                - Name: ${rule}`, '                  ActionToUse:', `                    ${action}: {}`];

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
      { name: 'HTTP only behind CloudFront that serves viewers HTTPS: users never see plain HTTP', template: stack({ resources: [...HTTP_ONLY_ALB, ...cloudFront('http-only')] }) },
    ],
    invalid: [
      { name: 'HTTP only', template: stack({ resources: HTTP_ONLY_ALB }), line: '  Alb:', message: /no HTTPS listener.*port 443/ },
      { name: 'HTTPS listener only with a certificate: the finding names the condition', template: withConditions(stack({ parameters: CERT_PARAMETER, resources: [...CONDITIONAL_HTTPS_ALB, ...HTTP_FORWARD] })), line: '  Alb:', message: /no HTTPS listener when condition HasCertificate is false/ },
      { name: 'a conditional CloudFront does not make HTTP safe on every deployment', template: withConditions(stack({ parameters: CERT_PARAMETER, resources: [...HTTP_ONLY_ALB, ...cloudFront('http-only', 'HasCertificate')] })), line: '  Alb:', message: /unless the CloudFront distribution Cdn is deployed in front of it \(condition HasCertificate\)/ },
      { name: 'the advice of a scaffolded template agrees with its README: scaffold again with a domain and certificate', template: stack({ resources: HTTP_ONLY_ALB }).replace('Resources:', 'Description: Moodle. Generated by moodle-ha scaffold.\nResources:'), line: '  Alb:', message: /scaffold again with a domain and an ACM certificate \(same region\)/ },
    ],
  },
  {
    rule: httpRedirectsToHttps,
    valid: [
      { name: 'HTTP redirects', template: stack({ resources: [...ALB, ...HTTP_REDIRECT] }) },
      { name: 'no HTTP listener', template: stack({ resources: ALB }) },
      // The default scaffold's demo mode: a redirect to 443 would go to a port nothing listens on.
      { name: 'HTTP only, no HTTPS listener: no redirect finding and no broken fix (MHA6002 reports it)', template: stack({ resources: HTTP_ONLY_ALB }) },
      { name: 'CloudFront reaches the load balancer over HTTP: the HTTP listener must keep forwarding', template: stack({ resources: [...ALB, ...HTTP_FORWARD, ...cloudFront('http-only')] }) },
    ],
    invalid: [
      { name: 'HTTP forwards to Moodle', template: stack({ resources: [...ALB, ...HTTP_FORWARD] }), line: 'DefaultActions', occurrence: 2, message: /serves Moodle over plain HTTP/, fixable: true },
      {
        name: 'HTTP forwards, in the middle of the file',
        template: stack({ resources: [...ALB, ...HTTP_FORWARD, '  After:', '    Type: AWS::S3::Bucket'] }), line: 'DefaultActions', occurrence: 2, message: /plain HTTP/, fixable: true,
      },
      {
        name: 'HTTPS listener only under a condition: the finding says so and offers no unconditional redirect',
        template: withConditions(stack({ parameters: CERT_PARAMETER, resources: [...CONDITIONAL_HTTPS_ALB, ...HTTP_FORWARD] })), line: 'DefaultActions', occurrence: 2, message: /when condition HasCertificate is true/, fixable: false,
      },
      {
        name: 'HTTPS on another port: the fix redirects to the port that listens',
        template: stack({ resources: [...ALB.map((l) => l.replace('Port: 443', 'Port: 8443')), ...HTTP_FORWARD] }), line: 'DefaultActions', occurrence: 2, message: /Port: '8443'/, fixable: true,
      },
    ],
  },
  {
    rule: dataTierEgressClosed,
    valid: [
      { name: 'each data-tier group has the one rule that matches nothing', template: stack({ resources: [...DATA_TIER, ...sg('DbSg', rule(3306, 3306, FROM_WEB)), ...CLOSED, ...sg('CacheSg', rule(6379, 6379, FROM_WEB)), ...CLOSED, ...sg('FsSg', rule(2049, 2049, FROM_WEB)), ...CLOSED] }) },
      { name: 'outbound only to another security group', template: stack({ resources: [...AURORA, ...sg('DbSg', rule(3306, 3306, FROM_WEB)), ...CLOSED, ...egressResource('DbToWeb', 'DbSg', 'DestinationSecurityGroupId: !Ref WebSg')] }) },
      { name: 'a group the web servers use too is the web tier\'s to decide', template: stack({ launchData: [...LAUNCH_DATA, '        SecurityGroupIds: [!Ref DbSg]'], resources: [...AURORA, ...sg('DbSg', rule(3306, 3306, FROM_WEB))] }) },
      { name: 'the database\'s group is a parameter: not this template\'s to fix', template: stack({ parameters: ['  DbSg:', '    Type: AWS::EC2::SecurityGroup::Id'], resources: AURORA }) },
    ],
    invalid: [
      { name: 'no SecurityGroupEgress: AWS\'s default sends all traffic anywhere', template: stack({ resources: [...AURORA, ...sg('DbSg', rule(3306, 3306, FROM_WEB))] }), line: '  DbSg:', message: /DbSg of the database has no SecurityGroupEgress, so AWS gives it its default rule/, fixable: true },
      { name: 'a separate egress resource does not take the default rule away', template: stack({ resources: [...REDIS, ...sg('CacheSg', rule(6379, 6379, FROM_WEB)), ...egressResource('CacheToWeb', 'CacheSg', 'DestinationSecurityGroupId: !Ref WebSg')] }), line: '  CacheSg:', message: /CacheSg of the session cache has no SecurityGroupEgress/, fixable: true },
      { name: 'an inline rule to 0.0.0.0/0', template: stack({ resources: [...REDIS, ...sg('CacheSg', rule(6379, 6379, FROM_WEB)), '      SecurityGroupEgress:', "        - IpProtocol: '-1'", '          CidrIp: 0.0.0.0/0'] }), line: 'CidrIp: 0.0.0.0/0', message: /CacheSg of the session cache may send anything to 0\.0\.0\.0\/0/, fixable: false },
      { name: 'a separate egress resource to ::/0 beside the closing rule', template: stack({ resources: [...EFS, ...sg('FsSg', rule(2049, 2049, FROM_WEB)), ...CLOSED, ...egressResource('FsOut', 'FsSg', 'CidrIpv6: ::/0')] }), line: 'CidrIpv6', message: /FsSg of the shared file system may send anything to ::\/0/ },
    ],
  },
  {
    rule: wafPassesMoodleUploads,
    valid: [
      { name: 'the Core rule set with SizeRestrictions_BODY counted', template: stack({ resources: [...ALB, ...webAcl(CRS, countOverride('SizeRestrictions_BODY'))] }) },
      { name: 'SizeRestrictions_BODY allowed', template: stack({ resources: [...ALB, ...webAcl(CRS, countOverride('SizeRestrictions_BODY', 'Allow'))] }) },
      { name: 'SizeRestrictions_BODY in the legacy ExcludedRules', template: stack({ resources: [...ALB, ...webAcl(CRS, ['              ExcludedRules:', '                - Name: SizeRestrictions_BODY'])] }) },
      { name: 'the whole group counts (OverrideAction: Count)', template: stack({ resources: [...ALB, ...webAcl(CRS, [], ['          OverrideAction: {Count: {}}'])] }) },
      { name: 'another managed group (known bad inputs)', template: stack({ resources: [...ALB, ...webAcl('AWSManagedRulesKnownBadInputsRuleSet')] }) },
      { name: 'a web ACL attached to nothing of this site', template: stack({ resources: [...ALB, ...webAcl(CRS, [], [], false)] }) },
      { name: 'a scope-down statement: which requests the group sees is not ours to judge', template: stack({ resources: [...ALB, ...webAcl(CRS, ['              ScopeDownStatement:', '                ByteMatchStatement: {SearchString: /admin, FieldToMatch: {UriPath: {}}, PositionalConstraint: STARTS_WITH, TextTransformations: [{Priority: 0, Type: NONE}]}'])] }) },
      { name: 'not a Moodle stack (no web tier)', template: stack({ noWebTier: true, resources: [...ALB, ...webAcl(CRS)] }) },
    ],
    invalid: [
      {
        name: 'the Core rule set as AWS ships it, on the load balancer',
        template: stack({ resources: [...ALB, ...webAcl(CRS)] }),
        line: 'ManagedRuleGroupStatement:', message: /Rule managed of web ACL Acl, in front of the site through AclOnAlb, runs AWS's Core rule set with SizeRestrictions_BODY blocking: every request body over 8 KB gets 403.*file picker/, fixable: true,
      },
      {
        name: 'overrides for other rules only',
        template: stack({ resources: [...ALB, ...webAcl(CRS, countOverride('NoUserAgent_HEADER'))] }),
        line: 'ManagedRuleGroupStatement:', message: /SizeRestrictions_BODY blocking/,
      },
      {
        name: 'on CloudFront in front of the load balancer',
        template: stack({ resources: [...ALB, ...cloudFront('https-only').concat('        WebACLId: !GetAtt Acl.Arn'), ...webAcl(CRS, [], [], false)] }),
        line: 'ManagedRuleGroupStatement:', message: /in front of the site through Cdn/, fixable: true,
      },
    ],
  },
];
