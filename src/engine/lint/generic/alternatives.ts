import { intrinsicName, isMap, isSeq, type TNode } from '../../template/nodes';

/**
 * The values a property can take as written: the node itself, or for `Fn::If` each branch (nested
 * ones followed). Each is checked where it is written, as cfn-lint does for both branches.
 */
export function alternatives(node: TNode | undefined): TNode[] {
  if (!node) return [];
  if (intrinsicName(node) !== 'Fn::If' || !isMap(node)) return [node];
  const args = node.entries[0].value;
  if (!isSeq(args) || args.items.length !== 3) return [];
  return [...alternatives(args.items[1]), ...alternatives(args.items[2])];
}
