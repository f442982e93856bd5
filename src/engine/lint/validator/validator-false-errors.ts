import { entry, intrinsicName, isMap, isScalar, isSeq, toPlain, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { conditionsExclusive } from '../conditions/condition-logic';
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
 * - list items under Fn::If counted as duplicates (F3037): the branches are alternatives;
 * - list items written differently (Refs to different parameters) counted as duplicates (F3037):
 *   the validator compares the parameters' defaults, which are not the deployed values;
 * - `Version: 1.0` on a custom resource (E3001 "must be a string or integer"): CloudFormation
 *   accepts the number, and cfn-lint does not report it;
 * - primary identifiers "not unique" (E3019/F3019) across resources whose conditions can never
 *   both be true (decided over their Fn::Equals comparisons): only one of them is ever created;
 * - "'' does not match pattern" (F3031) on an Fn::If: the validator filled in a parameter's empty
 *   default in the branch that the condition (usually "the parameter is not empty") leaves out;
 * - ECS launch-type checks (E3054) inside a custom resource: it is the custom resource's attribute
 *   that the validator resolved to '', and its value is only known when the stack runs;
 */
export function withoutValidatorFalseErrors(model: TemplateModel, findings: Finding[]): Finding[] {
  return findings.filter((f) => !isFalseError(model, f));
}

function isFalseError(model: TemplateModel, f: Finding): boolean {
  if (f.origin !== 'validator' || f.severity !== 'error') return false;
  if (f.ruleId === 'F1101' && /^YAML parse error/.test(f.message)) return model.problems.length === 0 && !!model.root;
  if (f.ruleId === 'F1101' && /Fn::Transform value must be an object/.test(f.message)) return transformListAt(model, f.range.start.line);
  const line = f.range.start.line;
  if (f.ruleId === 'F3037' && /Array items are not unique/.test(f.message)) return conditionalListAt(model, line) || writtenDistinctListAt(model, line);
  if (f.ruleId === 'E3001' && /property 'Version' must be a string or integer/.test(f.message)) return numericVersionOfCustomResource(model, line);
  if (/^[EF]3019$/.test(f.ruleId) && /should have unique values across the resources/.test(f.message)) return exclusiveResources(model, f.message);
  if (f.ruleId === 'F3031' && /^'' does not match pattern/.test(f.message)) return nodesOnLine(model, line).some((n) => intrinsicName(n) === 'Fn::If');
  if (f.ruleId === 'E3054') return isCustomResource(resourceAtLine(model, line));
  return false;
}

function resourceAtLine(model: TemplateModel, line: number): ResourceView | undefined {
  return model.resources().find((r) => line >= r.keyRange.start.line && line <= r.node.range.end.line);
}

function isCustomResource(r: ResourceView | undefined): boolean {
  return !!r && (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource');
}

function numericVersionOfCustomResource(model: TemplateModel, line: number): boolean {
  const r = resourceAtLine(model, line);
  const version = entry(r?.node, 'Version')?.value;
  return isCustomResource(r) && isScalar(version) && typeof version.value === 'number';
}

/** "…across the resources {'A', 'B'}": every two of them have conditions that exclude each other. */
function exclusiveResources(model: TemplateModel, message: string): boolean {
  const list = /across the resources \{([^}]*)\}/.exec(message)?.[1];
  const names = [...(list ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
  if (names.length < 2) return false;
  const conditions = names.map((n) => { const c = entry(model.resource(n)?.node, 'Condition')?.value; return isScalar(c) ? String(c.value) : undefined; });
  if (conditions.some((c) => c === undefined)) return false;
  return conditions.every((a, i) => conditions.every((b, j) => j <= i || conditionsExclusive(model, a!, b!) === true));
}

/** A list on the line (or in an Fn::If there) whose items are all written differently. */
function writtenDistinctListAt(model: TemplateModel, line: number): boolean {
  const lists: TNode[] = [];
  for (const n of nodesOnLine(model, line)) {
    if (isSeq(n)) lists.push(n);
    const branches = isMap(n) && intrinsicName(n) === 'Fn::If' ? n.entries[0].value : undefined;
    if (isSeq(branches)) lists.push(...branches.items.slice(1).filter(isSeq));
  }
  return lists.length > 0 && lists.every((l) => {
    const written = (l as { items: TNode[] }).items.map((i) => JSON.stringify(toPlain(i)));
    return new Set(written).size === written.length;
  });
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
