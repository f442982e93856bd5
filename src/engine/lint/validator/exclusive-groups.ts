import { isMap, type TMap } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import type { Finding } from '../finding';
import { walk } from '../generic/walk';

const EXACTLY_ONE = /^Exactly one of \[([^\]]*)\] must be specified/;

/**
 * cfn-lint E3014 (one of a group of properties, and only one): AWS's validator finds these from
 * its schemas (F3014, "Exactly one of [...] must be specified") and reports once, at the object.
 * cfn-lint reports where the fix is: on each property of the group that is given when more than
 * one is, or at the object when none is. This puts the validator's finding there, under cfn-lint's
 * id; a finding whose object cannot be found stays as it was.
 */
export function atExclusiveProperties(model: TemplateModel, findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.ruleId === 'F3014' && EXACTLY_ONE.test(f.message))) return findings;
  return findings.flatMap((f) => {
    const group = f.origin === 'validator' && f.ruleId === 'F3014' ? EXACTLY_ONE.exec(f.message) : null;
    if (!group) return [f];
    const names = [...group[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const object = objectAt(model, f.range.start.line, names);
    if (!object) return [f];
    const given = object.entries.filter((e) => names.includes(e.key));
    const list = names.map((n) => `'${n}'`).join(', ');
    if (given.length === 0) return [{ ...f, ruleId: 'E3014', message: `One of [${list}] must be given.` }];
    if (given.length === 1) return [f];
    return given.map((e) => ({ ...f, ruleId: 'E3014', range: e.keyRange, message: `Only one of [${list}] may be given; '${e.key}' is one of ${given.length} here.` }));
  });
}

/**
 * The object the validator meant: a map that starts on the line, or the value of a key on the
 * line (the validator points at either), holding the group's keys if any map there does.
 */
function objectAt(model: TemplateModel, line: number, names: string[]): TMap | undefined {
  const candidates: TMap[] = [];
  for (const { node } of walk(model.root, [])) {
    if (!isMap(node)) continue;
    if (node.range.start.line === line) candidates.push(node);
    for (const e of node.entries) if (e.keyRange.start.line === line && isMap(e.value)) candidates.push(e.value);
  }
  return candidates.find((m) => m.entries.some((e) => names.includes(e.key))) ?? candidates[0];
}
