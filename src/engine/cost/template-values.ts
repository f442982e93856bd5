import { at, entry, intrinsicName, isMap, isScalar, isSeq, scalarValue, type TNode } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';

/** Stands for a value only a deployed stack knows (an attribute, an import, an unset parameter). */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** A value the template decides on its own, or UNKNOWN. */
export type Resolved = string | number | boolean | null | Resolved[] | typeof UNKNOWN;

/**
 * Reads the values a cost estimate needs the way CloudFormation would for one set of parameter
 * values: Ref to a parameter (given value, else its Default), conditions, Fn::If, Fn::FindInMap
 * and Fn::Select over literals. Anything that needs a deployed stack (attributes, imports,
 * pseudo parameters other than the region) resolves to UNKNOWN.
 */
export class TemplateValues {
  private readonly conditions = new Map<string, boolean | 'unknown'>();
  private readonly evaluating = new Set<string>();

  constructor(private readonly model: TemplateModel, private readonly given: Record<string, string> = {}, private readonly region = 'us-east-1') {}

  parameter(name: string): Resolved {
    if (Object.hasOwn(this.given, name)) return this.given[name];
    const declared = this.model.section('Parameters');
    const definition = declared ? entry(declared, name)?.value : undefined;
    if (!definition) return name === 'AWS::Region' ? this.region : UNKNOWN;
    const fallback = at(definition, ['Default']);
    return fallback ? this.resolve(fallback) : UNKNOWN;
  }

  condition(name: string): boolean | 'unknown' {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    if (this.evaluating.has(name)) return 'unknown'; // a cycle: cfn-lint reports it; we stay neutral
    this.evaluating.add(name);
    const node = at(this.model.section('Conditions'), [name]);
    const value = node ? this.truth(node) : 'unknown';
    this.evaluating.delete(name);
    this.conditions.set(name, value);
    return value;
  }

  /** False only when the resource's Condition is known to be false. */
  exists(resource: ResourceView): boolean {
    const name = scalarValue(at(resource.node, ['Condition']));
    return typeof name !== 'string' || this.condition(name) !== false;
  }

  resolve(node: TNode | undefined): Resolved {
    if (!node) return UNKNOWN;
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item) => this.resolve(item));
    const fn = intrinsicName(node);
    if (!fn) return UNKNOWN;
    const argument = node.entries[0].value;
    switch (fn) {
      case 'Ref': {
        const name = scalarValue(argument);
        return typeof name === 'string' ? this.parameter(name) : UNKNOWN;
      }
      case 'Fn::If': {
        if (!isSeq(argument) || argument.items.length !== 3) return UNKNOWN;
        const name = scalarValue(argument.items[0]);
        const truth = typeof name === 'string' ? this.condition(name) : 'unknown';
        return truth === 'unknown' ? UNKNOWN : this.resolve(argument.items[truth ? 1 : 2]);
      }
      case 'Fn::FindInMap': return this.findInMap(argument);
      case 'Fn::Select': {
        if (!isSeq(argument) || argument.items.length !== 2) return UNKNOWN;
        const index = Number(this.resolve(argument.items[0]));
        const list = this.resolve(argument.items[1]);
        return Array.isArray(list) && Number.isInteger(index) && index >= 0 && index < list.length ? list[index] : UNKNOWN;
      }
      default: return UNKNOWN;
    }
  }

  number(node: TNode | undefined): number | undefined {
    const value = this.resolve(node);
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return undefined;
  }

  text(node: TNode | undefined): string | undefined {
    const value = this.resolve(node);
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  }

  flag(node: TNode | undefined): boolean | undefined {
    const value = this.resolve(node);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return /^true$/i.test(value);
    return undefined;
  }

  private truth(node: TNode): boolean | 'unknown' {
    if (!isMap(node)) return 'unknown';
    const fn = node.entries.length === 1 ? node.entries[0].key : undefined;
    const argument = node.entries[0]?.value;
    const items = isSeq(argument) ? argument.items : [];
    switch (fn) {
      case 'Condition': {
        const name = scalarValue(argument);
        return typeof name === 'string' ? this.condition(name) : 'unknown';
      }
      case 'Fn::Equals': {
        if (items.length !== 2) return 'unknown';
        const [a, b] = items.map((item) => this.resolve(item));
        return a === UNKNOWN || b === UNKNOWN ? 'unknown' : String(a) === String(b);
      }
      case 'Fn::Not': return items.length === 1 ? negate(this.truth(items[0])) : 'unknown';
      case 'Fn::And': return combine(items.map((item) => this.truth(item)), false);
      case 'Fn::Or': return combine(items.map((item) => this.truth(item)), true);
      default: return 'unknown';
    }
  }

  private findInMap(argument: TNode): Resolved {
    if (!isSeq(argument) || argument.items.length < 3) return UNKNOWN;
    const keys = argument.items.slice(0, 3).map((item) => this.resolve(item));
    if (keys.some((k) => typeof k !== 'string' && typeof k !== 'number')) return UNKNOWN;
    const found = at(this.model.section('Mappings'), keys.map(String));
    return found ? this.resolve(found) : UNKNOWN;
  }
}

function negate(value: boolean | 'unknown'): boolean | 'unknown' {
  return value === 'unknown' ? value : !value;
}

/** And (decisive = false) or Or (decisive = true): one decisive operand settles it. */
function combine(values: (boolean | 'unknown')[], decisive: boolean): boolean | 'unknown' {
  if (values.includes(decisive)) return decisive;
  return values.includes('unknown') ? 'unknown' : !decisive;
}
