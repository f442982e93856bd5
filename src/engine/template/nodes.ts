import type { SourceRange } from './source-range';

/**
 * A template value with the source range of every part. YAML short forms (`!Ref X`) and JSON long
 * forms (`{"Ref": "X"}`) become the same shape: a one-entry map whose key is the function name.
 */
export type TNode = TMap | TSeq | TScalar;

export interface TEntry {
  key: string;
  keyRange: SourceRange;
  value: TNode;
}

export interface TMap {
  kind: 'map';
  entries: TEntry[];
  range: SourceRange;
  /** Set when the map came from a YAML short-form tag such as `!Sub`. */
  shortForm?: string;
}

export interface TSeq {
  kind: 'seq';
  items: TNode[];
  range: SourceRange;
}

export type ScalarValue = string | number | boolean | null;

export interface TScalar {
  kind: 'scalar';
  value: ScalarValue;
  range: SourceRange;
}

export type TemplatePath = ReadonlyArray<string | number>;

export function isMap(node: TNode | undefined): node is TMap { return node?.kind === 'map'; }
export function isSeq(node: TNode | undefined): node is TSeq { return node?.kind === 'seq'; }
export function isScalar(node: TNode | undefined): node is TScalar { return node?.kind === 'scalar'; }

export function entry(map: TMap | undefined, key: string): TEntry | undefined {
  return map?.entries.find((e) => e.key === key);
}

export function child(node: TNode | undefined, key: string | number): TNode | undefined {
  if (!node) return undefined;
  if (typeof key === 'number') return node.kind === 'seq' ? node.items[key] : undefined;
  return node.kind === 'map' ? entry(node, key)?.value : undefined;
}

export function at(node: TNode | undefined, path: TemplatePath): TNode | undefined {
  let current = node;
  for (const key of path) {
    current = child(current, key);
    if (!current) return undefined;
  }
  return current;
}

/** The one function name of an intrinsic (`Ref`, `Fn::Sub`, `Condition`…), if the node is one. */
export function intrinsicName(node: TNode | undefined): string | undefined {
  if (!isMap(node) || node.entries.length !== 1) return undefined;
  const key = node.entries[0].key;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** Plain JavaScript value; intrinsics stay as their long-form objects. */
export function toPlain(node: TNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar': return node.value;
    case 'seq': return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

/** Literal scalar value, or undefined when the node is an intrinsic or a collection. */
export function scalarValue(node: TNode | undefined): ScalarValue | undefined {
  return isScalar(node) ? node.value : undefined;
}

export function asBoolean(node: TNode | undefined): boolean | undefined {
  const v = scalarValue(node);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
  }
  return undefined;
}

export function asNumber(node: TNode | undefined): number | undefined {
  const v = scalarValue(node);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function asString(node: TNode | undefined): string | undefined {
  const v = scalarValue(node);
  if (v === null || v === undefined) return undefined;
  return String(v);
}
