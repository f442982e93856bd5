import { intrinsicName, isMap, isSeq, type TNode } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import type { Finding } from '../finding';
import { walk } from '../generic/walk';

/**
 * AWS's validator errors that are false where CloudFormation (and cfn-lint) accept the template,
 * each found on public templates and decided with cfn-lint (docs/known-differences.md lists what
 * stays). Dropped only in the exact shape described, so a real error of the same rule stands:
 * - its YAML reader is stricter than PyYAML's (F1101 "YAML parse error" on text our
 *   PyYAML-compatible parser read without a problem, e.g. unindented quoted continuations);
 * - Fn::Transform given as a list of transforms (F1101 "must be an object"), which
 *   CloudFormation runs in order (AWS's own DateFunctions macro sample);
 * - list items under Fn::If counted as duplicates (F3037): the branches are alternatives.
 */
export function withoutValidatorFalseErrors(model: TemplateModel, findings: Finding[]): Finding[] {
  return findings.filter((f) => !isFalseError(model, f));
}

function isFalseError(model: TemplateModel, f: Finding): boolean {
  if (f.origin !== 'validator' || f.severity !== 'error') return false;
  if (f.ruleId === 'F1101' && /^YAML parse error/.test(f.message)) return model.problems.length === 0 && !!model.root;
  if (f.ruleId === 'F1101' && /Fn::Transform value must be an object/.test(f.message)) return transformListAt(model, f.range.start.line);
  if (f.ruleId === 'F3037' && /Array items are not unique/.test(f.message)) return conditionalListAt(model, f.range.start.line);
  return false;
}

/** The nodes that start on a line: the values of keys written there, and nodes that begin there. */
function nodesOnLine(model: TemplateModel, line: number): TNode[] {
  const out: TNode[] = [];
  for (const { node } of walk(model.root, [])) {
    if (node.range.start.line === line) out.push(node);
    if (isMap(node)) for (const e of node.entries) if (e.keyRange.start.line === line) out.push(e.value);
  }
  return out;
}

function transformListAt(model: TemplateModel, line: number): boolean {
  return nodesOnLine(model, line).some((n) => {
    const value = isMap(n) && intrinsicName(n) === 'Fn::Transform' ? n.entries[0].value : n;
    return isSeq(value) && value.items.length > 0 && value.items.every((i) => isMap(i) && i.entries.some((e) => e.key === 'Name'));
  }) || nodesOnLine(model, line - 1).some((n) => isMap(n) && intrinsicName(n) === 'Fn::Transform' && isSeq(n.entries[0].value));
}

function conditionalListAt(model: TemplateModel, line: number): boolean {
  return nodesOnLine(model, line).some((n) => isSeq(n) && n.items.some((i) => intrinsicName(i) === 'Fn::If'));
}
