/**
 * CloudFormation intrinsic functions as plain values. The builder works on these; `toPlain` gives
 * the long form (for JSON, moto and the CDK test), `toYaml` the short-form tags people read.
 */
export const INTRINSIC = Symbol('cfn-intrinsic');
/** A key whose value becomes a comment above its map in the YAML (and disappears elsewhere). */
export const COMMENT_KEY = '//';

export interface Intrinsic {
  [INTRINSIC]: true;
  /** The function name without its prefix: Ref, Sub, GetAtt, If… */
  fn: string;
  value: CfnValue;
}

export type CfnValue = string | number | boolean | null | Intrinsic | CfnValue[] | { [key: string]: CfnValue | undefined };

function intrinsic(fn: string, value: CfnValue): Intrinsic {
  return { [INTRINSIC]: true, fn, value };
}

export function isIntrinsic(value: unknown): value is Intrinsic {
  return typeof value === 'object' && value !== null && (value as Intrinsic)[INTRINSIC] === true;
}

export const Ref = (name: string) => intrinsic('Ref', name);
export const Sub = (text: string, vars?: Record<string, CfnValue>) => intrinsic('Sub', vars ? [text, vars] : text);
/** Always the list form: moto reads `!GetAtt X.Endpoint.Address` wrongly. */
export const GetAtt = (logicalId: string, attribute: string) => intrinsic('GetAtt', [logicalId, attribute]);
export const Select = (index: number, list: CfnValue) => intrinsic('Select', [index, list]);
export const GetAZs = () => intrinsic('GetAZs', '');
export const Join = (separator: string, parts: CfnValue[]) => intrinsic('Join', [separator, parts]);
export const If = (condition: string, whenTrue: CfnValue, whenFalse: CfnValue) => intrinsic('If', [condition, whenTrue, whenFalse]);
export const Equals = (a: CfnValue, b: CfnValue) => intrinsic('Equals', [a, b]);
export const Not = (condition: CfnValue) => intrinsic('Not', [condition]);
export const And = (...conditions: CfnValue[]) => intrinsic('And', conditions);
export const FindInMap = (map: string, key: CfnValue, attribute: string) => intrinsic('FindInMap', [map, key, attribute]);
export const Base64 = (value: CfnValue) => intrinsic('Base64', value);
export const NoValue = Ref('AWS::NoValue');

/** Long-form JSON-compatible value (`{ "Ref": … }`, `{ "Fn::Sub": … }`). */
export function toPlain(value: CfnValue | undefined): unknown {
  if (isIntrinsic(value)) {
    const key = value.fn === 'Ref' ? 'Ref' : `Fn::${value.fn}`;
    return { [key]: toPlain(value.value) };
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== COMMENT_KEY) out[k] = toPlain(v);
    return out;
  }
  return value;
}
