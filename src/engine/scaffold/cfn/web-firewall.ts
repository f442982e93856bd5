import { BODY_SIZE_RULE, CORE_RULE_SET } from '../../topology/web-acl';
import { Equals, GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { tags, type BuildContext, type Section } from './section';

/** Which AWS rule groups the web ACL runs, in priority order, and why each is safe in front of Moodle. */
const MANAGED_GROUPS: Array<{ name: string; metric: string; countRules?: string[] }> = [
  // Addresses AWS has seen attacking or scanning: few false positives, 25 WCU.
  { name: 'AWSManagedRulesAmazonIpReputationList', metric: 'ip-reputation' },
  // Log4j, Java deserialisation, Host: localhost and paths such as /.git: nothing Moodle sends.
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', metric: 'known-bad-inputs' },
  {
    name: CORE_RULE_SET, metric: 'core-rule-set',
    countRules: [
      // A fixed 8 KB limit: it would refuse every upload, submission and long post (rule MHA6005).
      BODY_SIZE_RULE,
      // Teachers' HTML from the editor (embedded media, iframes) trips it; Moodle cleans HTML itself by role.
      'CrossSiteScripting_BODY',
    ],
  },
];

/**
 * AWS WAF on the load balancer, on by default (SiteFirewall): AWS's managed rule groups for known
 * bad inputs, IP reputation and the Core rule set, with the two Core rules that refuse ordinary
 * Moodle traffic counted instead of blocked. No rate limit on logins: a school sends a whole
 * class from one NAT address at 9:00, and Moodle locks accounts after failed logins itself.
 */
export function webFirewallSection(_ctx: BuildContext): Section {
  const rules: CfnValue[] = MANAGED_GROUPS.map((g, priority) => ({
    Name: g.metric,
    Priority: priority,
    OverrideAction: { None: {} },
    Statement: {
      ManagedRuleGroupStatement: {
        VendorName: 'AWS', Name: g.name,
        ...(g.countRules ? { RuleActionOverrides: g.countRules.map((rule) => ({ Name: rule, ActionToUse: { Count: {} } })) } : {}),
      },
    },
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: Sub(`\${AWS::StackName}-${g.metric}`) },
  }));
  return {
    parameters: {
      SiteFirewall: { Type: 'String', Default: 'on', AllowedValues: ['on', 'off'], Description: 'AWS WAF on the load balancer (AWS managed rules tuned for Moodle; about $8 a month plus $0.60 per million requests), or off.' },
    },
    conditions: { FirewallOn: Equals(Ref('SiteFirewall'), 'on') },
    resources: {
      WebAcl: {
        Type: 'AWS::WAFv2::WebACL', Condition: 'FirewallOn',
        Properties: {
          Scope: 'REGIONAL',
          Description: 'Moodle site - AWS managed rules. The Core rules on body size and on cross-site scripting in the body count, not block',
          DefaultAction: { Allow: {} },
          Rules: rules,
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: Sub('${AWS::StackName}-web-acl') },
          Tags: tags('web-acl'),
        },
      },
      WebAclAssociation: {
        Type: 'AWS::WAFv2::WebACLAssociation', Condition: 'FirewallOn',
        Properties: { ResourceArn: Ref('LoadBalancer'), WebACLArn: GetAtt('WebAcl', 'Arn') },
      },
    },
  };
}
