import type { TemplateModel } from '../../template/template-model';
import type { Finding } from '../finding';
import { CFN_LINT_RULES_DOCS, type GenericCheck } from './generic-check';
import { genericChecks } from './index';

export interface GenericResult {
  findings: Finding[];
  /** Unknown names our checks reported, by rule family, so the validator's repeats can be folded. */
  subjects: Set<string>;
  /** What our checks reported per rule id (E3005, E3038…): the validator's finding of that rule naming it is a repeat. */
  subjectsByRule?: Map<string, Set<string>>;
}

/**
 * Checks of ours that report where cfn-lint does (the DependsOn item, the Type, a subnet's
 * Properties), where the validator reports elsewhere (the resource, the CidrBlock).
 */
const REPORTED_BY_RULE = new Set(['E3001', 'E3005', 'E3038', 'E3060']);

/** Runs the generic checks; a check that throws becomes a finding and never stops the others. */
export function runGenericChecks(model: TemplateModel, checks: GenericCheck[] = genericChecks): GenericResult {
  const findings: Finding[] = [];
  const subjects = new Set<string>();
  const subjectsByRule = new Map<string, Set<string>>();
  for (const check of checks) {
    try {
      check.check(model, (r) => {
        if (r.subject && REPORTED_BY_RULE.has(check.id)) subjectsByRule.set(check.id, (subjectsByRule.get(check.id) ?? new Set()).add(r.subject));
        else if (r.subject) subjects.add(r.subject);
        findings.push({ ruleId: check.id, severity: check.severity, message: r.message, source: 'CloudFormation', range: r.range, path: r.path, docsUrl: CFN_LINT_RULES_DOCS, origin: 'generic' });
      });
    } catch (error) {
      findings.push({ ruleId: check.id, severity: 'warning', source: 'CloudFormation', range: model.lines.lineRange(0), message: `Check ${check.id} failed on this template: ${(error as Error).message}`, origin: 'generic' });
    }
  }
  return { findings, subjects, subjectsByRule };
}

/**
 * The validator reports unknown references too, often on another line (the resource, not the
 * call). Where our check named the same target, its finding stands and the validator's goes.
 */
export function withoutValidatorRepeats(validator: Finding[], generic: GenericResult): Finding[] {
  const byRule = generic.subjectsByRule ?? new Map<string, Set<string>>();
  if (!generic.subjects.size && !byRule.size) return validator;
  return validator.filter((f) => {
    const same = byRule.get(`E${f.ruleId.slice(1)}`);
    if (same && [...same].some((name) => f.message.includes(`'${name}'`))) return false;
    if (!/^[EF](1010|1019|1020|6101)$/.test(f.ruleId)) return true;
    return ![...generic.subjects].some((name) => f.message.includes(`'${name}'`) || f.message.includes(`\${${name}`));
  });
}
