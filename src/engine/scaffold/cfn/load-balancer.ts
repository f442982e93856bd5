import { usesHttps } from '../options';
import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { subnetIds } from './network';
import { HEALTH_PATH } from './node-paths';
import { output, tags, type BuildContext, type Section } from './section';


/**
 * Not a Moodle page: /login/index.php answers 503 in maintenance and 303 when the Host is not
 * wwwroot (the ALB sends the node's IP), so the ASG would replace every node during an upgrade.
 */
export const HEALTH_CHECK_PATH = HEALTH_PATH;

/** The site's front door: HTTPS with the ACM certificate and HTTP → HTTPS, or a loud HTTP-only demo. */
export function loadBalancerSection(ctx: BuildContext): Section {
  const https = usesHttps(ctx.options);
  const parameters: Record<string, CfnValue> = {};
  const resources: Record<string, CfnValue> = {
    LoadBalancer: {
      '//': 'Load balancer: TLS ends here, so Moodle runs with $CFG->sslproxy = true.',
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      // The log bucket must let the load balancer write before access logs can be turned on.
      DependsOn: ['AccessLogsBucketPolicy'],
      Properties: {
        Type: 'application', Scheme: 'internet-facing', Subnets: subnetIds('Public', ctx), SecurityGroups: [GetAtt('LoadBalancerSecurityGroup', 'GroupId')],
        LoadBalancerAttributes: [
          { Key: 'idle_timeout.timeout_seconds', Value: '300' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: Ref('AccessLogsBucket') },
          { Key: 'access_logs.s3.prefix', Value: 'alb' },
        ],
        Tags: tags('alb'),
      },
    },
    WebTargetGroup: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: {
        VpcId: Ref('Vpc'), Protocol: 'HTTP', Port: 80, TargetType: 'instance',
        HealthCheckPath: HEALTH_CHECK_PATH, HealthCheckIntervalSeconds: 15, HealthyThresholdCount: 2, UnhealthyThresholdCount: 3, Matcher: { HttpCode: '200' },
        TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
        Tags: tags('web'),
      },
    },
  };
  const domain = ctx.options.domain.name !== '';
  if (domain) parameters.DomainName = { Type: 'String', Default: ctx.options.domain.name, Description: `The site's domain name; Moodle's fixed wwwroot is ${https ? 'https' : 'http'}://<this>.`, AllowedPattern: '^[a-z0-9.-]+$' };
  if (https) {
    parameters.CertificateArn = { Type: 'String', Default: ctx.options.domain.certificateArn, Description: 'ACM certificate for the domain, in the same region as the stack.', AllowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+$' };
    resources.HttpsListener = {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { LoadBalancerArn: Ref('LoadBalancer'), Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: Ref('CertificateArn') }], DefaultActions: [{ Type: 'forward', TargetGroupArn: Ref('WebTargetGroup') }] },
    };
    resources.HttpListener = {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { LoadBalancerArn: Ref('LoadBalancer'), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] },
    };
  } else {
    resources.HttpListener = {
      '//': 'DEMO MODE: HTTP only, no certificate. Passwords and session cookies cross the internet in clear text.\nScaffold again with a domain and an ACM certificate before real users log in.',
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { LoadBalancerArn: Ref('LoadBalancer'), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: Ref('WebTargetGroup') }] },
    };
  }
  const outputs: Record<string, CfnValue> = {
    SiteUrl: output("Moodle's address (its wwwroot).", siteUrl(https, domain), 'SiteUrl'),
    LoadBalancerDnsName: output('The load balancer; point the domain at it (CNAME or alias).', GetAtt('LoadBalancer', 'DNSName')),
  };
  if (!https) outputs.DemoModeWarning = output('This stack serves Moodle over plain HTTP.', 'DEMO MODE - HTTP only, no TLS: do not use with real accounts');
  return { parameters, resources, outputs };
}

export function siteUrl(https: boolean, domain: boolean): CfnValue {
  if (https) return Sub('https://${DomainName}');
  return domain ? Sub('http://${DomainName}') : Sub('http://${LoadBalancer.DNSName}');
}
