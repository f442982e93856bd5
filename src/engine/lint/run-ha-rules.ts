import type { TemplatePath } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { resourceCondition } from '../topology/conditions';
import type { HaTopology } from '../topology/types';
import type { Finding } from './finding';
import { ruleDocsUrl, type HaRule } from './rule';

/** Runs each rule; a rule that throws becomes a finding and never stops the others. */
export function runHaRules(model: TemplateModel, topology: HaTopology, rules: HaRule[], region?: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      rule.check({
        model,
        topology,
        region,
        report: (r) => findings.push({
          ruleId: rule.id,
          severity: r.severity ?? rule.defaultSeverity,
          message: withCondition(model, r.path, r.message),
          source: 'Moodle HA',
          range: r.range ?? (r.path ? model.rangeOf(r.path, r.atKey) : model.lines.lineRange(0)),
          docsUrl: ruleDocsUrl(rule.id),
          path: r.path,
          ...(r.fixes?.length ? { fixes: r.fixes } : {}),
        }),
      });
    } catch (error) {
      findings.push({
        ruleId: rule.id, severity: 'warning', source: 'Moodle HA', range: model.lines.lineRange(0), docsUrl: ruleDocsUrl(rule.id),
        message: `Rule ${rule.id} (${rule.name}) failed on this template and was skipped: ${(error as Error).message}. Please report it.`,
      });
    }
  }
  return findings;
}

/**
 * A finding on a resource that has a Condition holds only on the deployments where that condition
 * is true: say so, unless the rule already did.
 */
function withCondition(model: TemplateModel, path: TemplatePath | undefined, message: string): string {
  if (path?.[0] !== 'Resources' || typeof path[1] !== 'string') return message;
  const condition = resourceCondition(model, path[1]);
  if (!condition || message.includes(`condition ${condition}`)) return message;
  return `${message} (This holds when condition ${condition} is true: ${path[1]} has Condition: ${condition}.)`;
}
