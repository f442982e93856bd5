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
 */
export function withoutIgnored(model: TemplateModel, findings: Finding[], rules: HaRule[]): Finding[] {
  const everywhere = ignoreList(at(model.root, ['Metadata', 'moodle-ha', 'ignore']));
  const perResource = model.resources()
    .map((r) => ({ id: r.logicalId, ignore: ignoreList(at(r.node, ['Metadata', 'moodle-ha', 'ignore'])), range: model.rangeOf(r.path, false), keyLine: r.keyRange.start.line }))
    .filter((r) => r.ignore.length);
  if (!everywhere.length && !perResource.length) return findings;
  const names = new Map(rules.map((r) => [r.name, r.id]));
  const ids = (list: string[]) => new Set(list.map((n) => names.get(n) ?? n.toUpperCase()));
  const off = ids(everywhere);
  const offIn = perResource.map((r) => ({ ...r, ids: ids(r.ignore) }));
  return findings.filter((f) => {
    if (off.has(f.ruleId)) return false;
    const line = f.range.start.line;
    const owner = f.path?.[0] === 'Resources' ? offIn.find((r) => r.id === f.path![1]) : offIn.find((r) => line >= r.keyLine && line <= r.range.end.line);
    return !owner?.ids.has(f.ruleId);
  });
}

function ignoreList(node: TNode | undefined): string[] {
  if (!node) return [];
  if (isSeq(node)) return node.items.map(asString).filter((s): s is string => !!s);
  const one = asString(node);
  return one ? one.split(/[\s,]+/).filter(Boolean) : [];
}
