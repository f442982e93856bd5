import { asString, intrinsicName, isMap, isSeq, type TNode } from '../template/nodes';
import { refTarget } from './references';

/**
 * The text of a value built from strings: Fn::Base64, Fn::Sub and Fn::Join are unwrapped, and
 * whatever is only known at deploy time stays a `${...}` placeholder (as Fn::Sub writes it), so
 * rules can search the script the instance will run.
 */
export function renderText(node: TNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 20) return undefined;
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  const fn = intrinsicName(node);
  if (!fn || !isMap(node)) return undefined;
  const arg = node.entries[0].value;
  switch (fn) {
    case 'Fn::Base64':
      return renderText(arg, depth + 1);
    case 'Fn::Sub':
      return isSeq(arg) ? asString(arg.items[0]) : asString(arg);
    case 'Fn::Join': {
      if (!isSeq(arg) || arg.items.length < 2) return undefined;
      const delimiter = asString(arg.items[0]) ?? '';
      const parts = arg.items[1];
      if (!isSeq(parts)) return undefined;
      return parts.items.map((p) => renderText(p, depth + 1) ?? placeholder(p)).join(delimiter);
    }
    case 'Ref':
    case 'Fn::GetAtt':
      return placeholder(node);
    default:
      return undefined;
  }
}

function placeholder(node: TNode): string {
  if (intrinsicName(node) === 'Fn::GetAtt' && isMap(node)) {
    const arg = node.entries[0].value;
    if (isSeq(arg)) return '${' + arg.items.map((i) => asString(i) ?? '?').join('.') + '}';
    return '${' + (asString(arg) ?? '?') + '}';
  }
  const id = refTarget(node);
  return id ? '${' + id + '}' : '${?}';
}
