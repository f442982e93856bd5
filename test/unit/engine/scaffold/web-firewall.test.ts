import * as assert from 'node:assert/strict';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { renderTemplateYaml } from '../../../../src/engine/scaffold/cfn/render-template';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { templateVariants } from '../../../../src/engine/scaffold/variants';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { bodySizeBlocks } from '../../../../src/engine/topology/web-acl';

/**
 * Review m4 ("No WAF"): the load balancer gets AWS WAF with AWS's managed rules, on by default
 * (SiteFirewall), and none of its rules refuses what Moodle sends in normal use.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('scaffold: AWS WAF on the load balancer (review m4)', () => {
  it('a web ACL on the load balancer, on by default, off with SiteFirewall=off', () => {
    const t = toPlain(buildTemplate(resolveOptions()) as Json) as Json;
    assert.equal(t.Parameters.SiteFirewall.Default, 'on');
    assert.deepEqual(t.Conditions.FirewallOn, { 'Fn::Equals': [{ Ref: 'SiteFirewall' }, 'on'] });
    assert.equal(t.Resources.WebAcl.Condition, 'FirewallOn');
    assert.equal(t.Resources.WebAcl.Properties.Scope, 'REGIONAL');
    assert.deepEqual(t.Resources.WebAclAssociation.Properties, { ResourceArn: { Ref: 'LoadBalancer' }, WebACLArn: { 'Fn::GetAtt': ['WebAcl', 'Arn'] } });
    const groups = t.Resources.WebAcl.Properties.Rules.map((r: Json) => r.Statement.ManagedRuleGroupStatement.Name);
    assert.deepEqual(groups, ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesCommonRuleSet']);
  });

  it('the Core rule set counts, never blocks, the two rules ordinary Moodle traffic matches', () => {
    const t = toPlain(buildTemplate(resolveOptions()) as Json) as Json;
    const core = t.Resources.WebAcl.Properties.Rules.find((r: Json) => r.Statement.ManagedRuleGroupStatement.Name === 'AWSManagedRulesCommonRuleSet');
    assert.deepEqual(core.Statement.ManagedRuleGroupStatement.RuleActionOverrides.map((o: Json) => [o.Name, Object.keys(o.ActionToUse)]), [['SizeRestrictions_BODY', ['Count']], ['CrossSiteScripting_BODY', ['Count']]]);
  });

  it('on every template variant, no web ACL rule in front of the site blocks bodies over 8 KB (read as the linter and the replica read it)', () => {
    for (const v of templateVariants()) {
      const model = TemplateModel.parse(`${v.name}.yaml`, renderTemplateYaml(v.options));
      assert.ok(model.resource('WebAclAssociation'), `${v.name}: the web ACL is attached`);
      assert.deepEqual(bodySizeBlocks(model, 'LoadBalancer'), [], v.name);
    }
  });

  it('bodySizeBlocks finds the Core rule set as AWS ships it (the check above can fail)', () => {
    const t = toPlain(buildTemplate(resolveOptions()) as Json) as Json;
    for (const r of t.Resources.WebAcl.Properties.Rules) delete r.Statement.ManagedRuleGroupStatement.RuleActionOverrides;
    const model = TemplateModel.parse('shipped.yaml', JSON.stringify(t));
    assert.deepEqual(bodySizeBlocks(model, 'LoadBalancer').map((b) => `${b.webAclId} ${b.ruleName} ${b.attachedBy}`), ['WebAcl core-rule-set WebAclAssociation']);
  });
});
