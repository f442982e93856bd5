import { asString, entry, intrinsicName, isMap, isSeq, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';

/** One value a property can take, and the conditions (`Cond` or `!Cond`) under which it takes it. */
export interface Branch {
  /** Undefined when the branch is `!Ref AWS::NoValue` (the property is left out). */
  node: TNode | undefined;
  when: string[];
}

/**
 * Every value an `Fn::If` (nested or not) can produce, with the conditions leading to it. A value
 * that is no `Fn::If` is its own single branch. Rules use this to say a finding holds on every
 * branch that can be deployed, or on which one.
 */
export function branches(node: TNode | undefined, when: string[] = [], depth = 0): Branch[] {
  if (intrinsicName(node) === 'Ref' && isMap(node) && asString(node.entries[0].value) === 'AWS::NoValue') return [{ node: undefined, when }];
  if (intrinsicName(node) !== 'Fn::If' || !isMap(node) || depth > 10) return [{ node, when }];
  const arg = node.entries[0].value;
  if (!isSeq(arg) || arg.items.length !== 3) return [{ node, when }];
  const condition = asString(arg.items[0]) ?? '?';
  return [
    ...branches(arg.items[1], [...when, condition], depth + 1),
    ...branches(arg.items[2], [...when, `!${condition}`], depth + 1),
  ];
}

/** The resource's own `Condition:`, when it has one. */
export function resourceCondition(model: TemplateModel, logicalId: string): string | undefined {
  const resource = model.resource(logicalId);
  return resource ? asString(entry(resource.node, 'Condition')?.value) : undefined;
}

/** "condition UseRedis is true", "conditions A is true and B is false". */
export function describeWhen(when: string[]): string {
  const parts = when.map((c) => (c.startsWith('!') ? `${c.slice(1)} is false` : `${c} is true`));
  return `${parts.length > 1 ? 'conditions' : 'condition'} ${parts.join(' and ')}`;
}
