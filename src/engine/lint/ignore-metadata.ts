import { asString, at, isSeq, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import type { Finding } from './finding';
import type { HaRule } from './rule';

/**
 * Rules turned off in the template itself, where the user knows better, the way cfn-lint reads
 * `Metadata: cfn-lint: config: ignore_checks`:
 *
 *   Metadata:
 *     moodle-ha:
 *       ignore: [MHA4001, sessions-use-cache]
 *
 * at the top of the template (every finding of those rules) or in a resource (the findings on that
 * resource). A rule is named by its id or its name.
 *
 * cfn-lint's own `Metadata: cfn-lint: config: ignore_checks: [E3002, W]` is honoured for the generic
 * findings (not the Moodle-HA ones), as cfn-lint reads it: an entry matches every rule id it begins
 * with, and the validator's F-ids stand for cfn-lint's E-ids (F3002 is cfn-lint's E3002), so a
 * template that silences cfn-lint on purpose is not re-reported by us.
 */
export function withoutIgnored(model: TemplateModel, findings: Finding[], rules: HaRule[]): Finding[] {
  const everywhere = ignoreList(at(model.root, ['Metadata', 'moodle-ha', 'ignore']));
  const cfnLintEverywhere = ignoreList(at(model.root, CFN_LINT_IGNORE));
  const perResource = model.resources()
    .map((r) => ({
      id: r.logicalId, ignore: ignoreList(at(r.node, ['Metadata', 'moodle-ha', 'ignore'])), cfnLint: ignoreList(at(r.node, CFN_LINT_IGNORE)),
      range: model.rangeOf(r.path, false), keyLine: r.keyRange.start.line,
    }))
    .filter((r) => r.ignore.length || r.cfnLint.length);
  if (!everywhere.length && !cfnLintEverywhere.length && !perResource.length) return findings;
  const names = new Map(rules.map((r) => [r.name, r.id]));
  const ids = (list: string[]) => new Set(list.map((n) => names.get(n) ?? n.toUpperCase()));
  const off = ids(everywhere);
  const offIn = perResource.map((r) => ({ ...r, ids: ids(r.ignore) }));
  return findings.filter((f) => {
    if (off.has(f.ruleId) || ignoredByCfnLintList(f, cfnLintEverywhere)) return false;
    const line = f.range.start.line;
    const owner = f.path?.[0] === 'Resources' ? offIn.find((r) => r.id === f.path![1]) : offIn.find((r) => line >= r.keyLine && line <= r.range.end.line);
    return !owner?.ids.has(f.ruleId) && !ignoredByCfnLintList(f, owner?.cfnLint ?? []);
  });
}

const CFN_LINT_IGNORE = ['Metadata', 'cfn-lint', 'config', 'ignore_checks'];

function ignoredByCfnLintList(f: Finding, list: string[]): boolean {
  if (!list.length || f.source !== 'CloudFormation') return false;
  const asCfnLint = f.ruleId.startsWith('F') ? `E${f.ruleId.slice(1)}` : f.ruleId;
  return list.some((entry) => { const prefix = entry.toUpperCase(); return f.ruleId.startsWith(prefix) || asCfnLint.startsWith(prefix); });
}

function ignoreList(node: TNode | undefined): string[] {
  if (!node) return [];
  if (isSeq(node)) return node.items.map(asString).filter((s): s is string => !!s);
  const one = asString(node);
  return one ? one.split(/[\s,]+/).filter(Boolean) : [];
}
