import type { TemplatePath } from '../template/nodes';
import type { SourceRange } from '../template/source-range';
import type { TemplateModel } from '../template/template-model';
import type { HaTopology } from '../topology/types';
import type { QuickFix, Severity } from './finding';

export const RULES_DOCS_BASE = 'https://github.com/moodle-ha/moodle-ha-toolkit/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOCS_BASE}/${ruleId}.md`;
}

export type RuleCategory = 'web-tier' | 'scaling' | 'storage' | 'database' | 'session-cache' | 'code' | 'network' | 'tags' | 'observability' | 'moodle-config' | 'cost';

export interface Report {
  message: string;
  /** Where to point: a template path (the runner maps it to a range) or a range. */
  path?: TemplatePath;
  range?: SourceRange;
  /** Point at the key rather than the value of `path`. */
  atKey?: boolean;
  /** Overrides the rule's default severity for this one report (e.g. min 1 is a warning, 0 an error). */
  severity?: Severity;
  fixes?: QuickFix[];
}

export interface RuleContext {
  model: TemplateModel;
  topology: HaTopology;
  /** The region the template is linted for (`lint --region`, moodleHa.lint.region), if any: rules that quote prices use it. */
  region?: string;
  report(report: Report): void;
}

/** A Moodle-HA rule: one file, one id, one docs page (docs/rules/<id>.md), checks over HaTopology. */
export interface HaRule {
  id: string;
  /** kebab-case, unique; used in settings as well as the id. */
  name: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One sentence: what makes or breaks an HA Moodle here. */
  description: string;
  check(context: RuleContext): void;
}

export function defineRule(rule: HaRule): HaRule {
  if (!/^MHA\d{4}$/.test(rule.id)) throw new Error(`Rule id ${rule.id} must look like MHA1234`);
  return rule;
}
