import type { TemplatePath } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import { describeWhen } from '../../../topology/conditions';
import { BODY_SIZE_RULE, bodySizeBlocks, CORE_RULE_SET } from '../../../topology/web-acl';
import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { block, insertKey } from '../fixes/yaml-edit';
import { webTierOf } from '../helpers';

/**
 * AWS's Core rule set blocks any request body over 8 KB (SizeRestrictions_BODY, a fixed limit).
 * Moodle posts far larger bodies as a matter of course: every file through the file picker
 * (repository/repository_ajax.php), assignment submissions, long forum posts and essays, course
 * and quiz settings forms. In front of Moodle that rule must count, not block.
 */
export const wafPassesMoodleUploads = defineRule({
  id: 'MHA6005',
  name: 'waf-passes-moodle-uploads',
  category: 'network',
  defaultSeverity: 'error',
  description: `A web ACL in front of Moodle does not block request bodies over 8 KB: ${CORE_RULE_SET}'s ${BODY_SIZE_RULE} counts (or is excluded).`,
  check({ model, topology, report }) {
    const lb = topology.loadBalancer;
    if (!webTierOf(topology) || !lb.found) return;
    const distributions = (lb.cloudFrontOrigins ?? []).filter((o) => !o.file).map((o) => o.distributionId);
    for (const found of bodySizeBlocks(model, lb.logicalId, distributions)) {
      const statement: TemplatePath = [...found.rulePath, 'Statement', 'ManagedRuleGroupStatement'];
      const when = found.when.length ? ` (when ${describeWhen(found.when)})` : '';
      report({
        path: statement, atKey: true,
        message: `Rule ${found.ruleName} of web ACL ${found.webAclId}${when}, in front of the site through ${found.attachedBy}, runs AWS's Core rule set with ${BODY_SIZE_RULE} blocking: every request body over 8 KB gets 403 before it reaches Moodle. `
          + 'That is every file uploaded through the file picker (repository/repository_ajax.php), assignment submissions, long forum posts and essays, and large settings forms. '
          + `Override it to count: RuleActionOverrides: [{Name: ${BODY_SIZE_RULE}, ActionToUse: {Count: {}}}].`,
        fixes: countBodySizeFix(model, statement),
      });
    }
  },
});

function countBodySizeFix(model: TemplateModel, statement: TemplatePath): QuickFix[] {
  if (model.get([...statement, 'RuleActionOverrides'])) return [];
  const edit = insertKey(model, statement, 'RuleActionOverrides', block(`- Name: ${BODY_SIZE_RULE}`, '  ActionToUse:', '    Count: {}'));
  return edit ? [{ title: `Count ${BODY_SIZE_RULE} instead of blocking (Moodle posts bodies over 8 KB)`, edits: [edit], preferred: true }] : [];
}
