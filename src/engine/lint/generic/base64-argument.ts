import { intrinsicName, isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { GenericCheck } from './generic-check';
import { hasTransform, intrinsicCalls } from './targets';

/** The functions CloudFormation itself resolves (YAML's `!Rain::Embed` reads as `Fn::Rain::Embed`, which is none of them). */
const FUNCTIONS = new Set(['Ref', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::If', 'Fn::ImportValue', 'Fn::Join', 'Fn::Length', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::ToJsonString', 'Fn::Transform']);
const functionName = (node: TNode | undefined) => { const name = intrinsicName(node); return name && FUNCTIONS.has(name) ? name : undefined; };

/**
 * cfn-lint E1021: Fn::Base64 takes a string or a function that returns one; a Fn::Sub inside it
 * takes a string or [string, {variables}]. A map that is no function — often a packaging
 * directive such as Rain's `!Rain::Embed file` left in a template deployed as is — is neither.
 */
export const base64Argument: GenericCheck = {
  id: 'E1021',
  severity: 'error',
  description: 'Fn::Base64 takes a string or a function returning one (a Sub inside it: a string or [string, map]).',
  check(model, report) {
    if (hasTransform(model)) return;
    for (const call of intrinsicCalls(model, 'Fn::Base64')) {
      const arg = call.argument;
      if (isScalar(arg) && typeof arg.value === 'string') continue;
      const fn = functionName(arg);
      if (fn === 'Fn::Sub' && isMap(arg)) {
        const sub = arg.entries[0].value;
        if (!subArgumentOk(sub)) report({ message: `Fn::Sub inside Fn::Base64 takes a string or [string, {variables}], not ${describe(sub)}.`, range: sub.range, path: [...call.path, 'Fn::Base64', 'Fn::Sub'] });
        continue;
      }
      if (fn) continue;
      report({ message: `Fn::Base64 takes a string or a function that returns one, not ${describe(arg)}.`, range: arg.range, path: [...call.path, 'Fn::Base64'] });
    }
  },
};

function subArgumentOk(node: TNode): boolean {
  if (isScalar(node)) return typeof node.value === 'string';
  if (isSeq(node)) return node.items.length === 2 && (isScalar(node.items[0]) || !!functionName(node.items[0])) && isMap(node.items[1]);
  // A function that makes the string (Fn::Join, Fn::If…) is resolved first.
  return !!functionName(node);
}

function describe(node: TNode): string {
  if (isMap(node)) return node.entries.length === 1 ? `a map with '${node.entries[0].key}' (not a function CloudFormation knows)` : 'a map';
  if (isSeq(node)) return 'a list';
  return `the ${node.value === null ? 'null' : typeof node.value} ${JSON.stringify(node.value)}`;
}
