import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { COMMENT_KEY, isIntrinsic, type CfnValue } from './intrinsics';

/**
 * YAML with short-form tags and comments. YAML 1.1 output so strings like `on`, `yes` and `no`
 * are quoted: cfn-lint and CloudFormation read YAML 1.1, where they are booleans.
 */
export function toYaml(value: CfnValue, header?: string): string {
  const doc = new Document(undefined, { version: '1.1' });
  doc.contents = toNode(value) as never;
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function toNode(value: CfnValue | undefined): Node {
  if (isIntrinsic(value)) {
    const node = toNode(value.value);
    // A node carries one tag: `!Base64 !Sub …` is not YAML, so the outer function takes its long form.
    if (node.tag) {
      const map = new YAMLMap();
      map.items.push(new Pair(new Scalar(value.fn === 'Ref' ? 'Ref' : `Fn::${value.fn}`), node));
      return map;
    }
    node.tag = `!${value.fn}`;
    return node;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map(toNode);
    // Short lists of scalars read best inline: !GetAtt [Db, Endpoint.Address]
    if (value.length <= 4 && value.every((v) => v === null || typeof v !== 'object')) seq.flow = true;
    return seq;
  }
  if (value && typeof value === 'object') {
    const map = new YAMLMap();
    for (const [key, item] of Object.entries(value)) {
      if (key === COMMENT_KEY || item === undefined) continue;
      const keyNode = new Scalar(key);
      const comment = commentOf(item);
      if (comment) keyNode.commentBefore = comment.split('\n').map((l) => ` ${l}`).join('\n');
      map.items.push(new Pair(keyNode, toNode(item)));
    }
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string' && value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

function commentOf(value: CfnValue | undefined): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && !isIntrinsic(value)) {
    const c = (value as Record<string, CfnValue | undefined>)[COMMENT_KEY];
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}
