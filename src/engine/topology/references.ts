import { asString, entry, intrinsicName, isMap, isScalar, isSeq, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';

/** The logical id a `Ref` or `Fn::GetAtt` points at (resource or parameter). */
export function refTarget(node: TNode | undefined): string | undefined {
  const fn = intrinsicName(node);
  if (!fn || !isMap(node)) return undefined;
  const value = node.entries[0].value;
  if (fn === 'Ref') return asString(value);
  if (fn === 'Fn::GetAtt') {
    if (isSeq(value)) return asString(value.items[0]);
    const text = asString(value);
    return text?.split('.')[0];
  }
  return undefined;
}

/** Targets of each item of a list (items that are not a Ref/GetAtt are skipped). */
export function refTargets(node: TNode | undefined): string[] {
  if (!isSeq(node)) {
    const single = refTarget(node);
    return single ? [single] : [];
  }
  return node.items.map(refTarget).filter((id): id is string => !!id);
}

/**
 * Every logical id a value mentions: Ref, GetAtt and `${Id}` / `${Id.Attr}` inside Fn::Sub
 * strings. Used to tie resources together ("this user data mounts that file system").
 */
export function referencedIds(node: TNode | undefined, into = new Set<string>()): Set<string> {
  if (!node) return into;
  const direct = refTarget(node);
  if (direct) into.add(direct);
  if (intrinsicName(node) === 'Fn::Sub' && isMap(node)) {
    const arg = node.entries[0].value;
    const template = isSeq(arg) ? asString(arg.items[0]) : asString(arg);
    for (const m of (template ?? '').matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) into.add(m[1]);
  }
  if (node.kind === 'seq') for (const item of node.items) referencedIds(item, into);
  if (node.kind === 'map') for (const e of node.entries) referencedIds(e.value, into);
  return into;
}

/** A template parameter's declaration, if `name` is one. */
export function parameter(model: TemplateModel, name: string): { type?: string; noEcho: boolean; defaultNode?: TNode } | undefined {
  const decl = entry(model.section('Parameters'), name)?.value;
  if (!isMap(decl)) return undefined;
  const noEchoNode = entry(decl, 'NoEcho')?.value;
  const noEcho = isScalar(noEchoNode) && /^true$/i.test(String(noEchoNode.value));
  return { type: asString(entry(decl, 'Type')?.value), noEcho, defaultNode: entry(decl, 'Default')?.value };
}

/** The resource-level DeletionPolicy, when written as a literal. */
export function deletionPolicy(resourceNode: TNode): string | undefined {
  return isMap(resourceNode) ? asString(entry(resourceNode, 'DeletionPolicy')?.value) : undefined;
}
