import { entry, toPlain } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';

/**
 * Conditions as propositional formulas over their Fn::Equals comparisons, decided by trying every
 * assignment (cfn-lint uses a SAT solver for the same questions). Two comparisons of one Ref with
 * different literals are never both true. Beyond MAX_ATOMS comparisons nothing is decided, and the
 * callers then stay quiet rather than guess.
 */
type Formula = { kind: 'atom'; key: string } | { kind: 'const'; value: boolean } | { kind: 'not'; of: Formula } | { kind: 'and' | 'or'; of: Formula[] };

const MAX_ATOMS = 14;

/** Whether `a` true always makes `b` true; undefined when it cannot be decided. */
export function conditionImplies(model: TemplateModel, a: string, b: string): boolean | undefined {
  return decide(model, [a, b], (values) => !values[0] || values[1]);
}

/** Whether `a` and `b` can never both be true; undefined when it cannot be decided. */
export function conditionsExclusive(model: TemplateModel, a: string, b: string): boolean | undefined {
  return decide(model, [a, b], (values) => !(values[0] && values[1]));
}

function decide(model: TemplateModel, names: string[], holds: (values: boolean[]) => boolean): boolean | undefined {
  const formulas = names.map((n) => formulaOf(model, { Condition: n }, new Set()));
  if (formulas.some((f) => !f)) return undefined;
  const atoms = new Map<string, { ref?: string; literal?: string }>();
  for (const f of formulas) collectAtoms(f!, atoms);
  const keys = [...atoms.keys()];
  if (keys.length > MAX_ATOMS) return undefined;
  for (let mask = 0; mask < 1 << keys.length; mask++) {
    const truth = new Map(keys.map((k, i) => [k, (mask & (1 << i)) !== 0]));
    if (!consistent(truth, atoms)) continue;
    if (!holds(formulas.map((f) => evaluate(f!, truth)))) return false;
  }
  return true;
}

function formulaOf(model: TemplateModel, plain: unknown, seen: Set<string>): Formula | undefined {
  if (typeof plain === 'boolean') return { kind: 'const', value: plain };
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return undefined;
  const keys = Object.keys(plain);
  if (keys.length !== 1) return undefined;
  const arg = (plain as Record<string, unknown>)[keys[0]];
  switch (keys[0]) {
    case 'Condition': {
      if (typeof arg !== 'string' || seen.has(arg)) return undefined;
      const definition = entry(model.section('Conditions'), arg)?.value;
      return definition ? formulaOf(model, toPlain(definition), new Set([...seen, arg])) : undefined;
    }
    case 'Fn::Not': {
      const inner = Array.isArray(arg) && arg.length === 1 ? formulaOf(model, arg[0], seen) : undefined;
      return inner && { kind: 'not', of: inner };
    }
    case 'Fn::And': case 'Fn::Or': {
      if (!Array.isArray(arg)) return undefined;
      const parts = arg.map((p) => formulaOf(model, p, seen));
      return parts.every(Boolean) ? { kind: keys[0] === 'Fn::And' ? 'and' : 'or', of: parts as Formula[] } : undefined;
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return undefined;
      const [x, y] = arg.map(canonical);
      if (isLiteral(arg[0]) && isLiteral(arg[1])) return { kind: 'const', value: x === y };
      return { kind: 'atom', key: JSON.stringify([x, y].sort()) };
    }
    default: return undefined;
  }
}

function isLiteral(v: unknown): boolean { return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'; }

/** Literals compare as CloudFormation does, as strings ("true" equals true). */
function canonical(v: unknown): string { return isLiteral(v) ? `=${String(v)}` : JSON.stringify(v); }

function collectAtoms(f: Formula, atoms: Map<string, { ref?: string; literal?: string }>): void {
  if (f.kind === 'atom') {
    if (atoms.has(f.key)) return;
    const [x, y] = JSON.parse(f.key) as string[];
    const literal = [x, y].find((s) => s.startsWith('='));
    const other = [x, y].find((s) => !s.startsWith('='));
    atoms.set(f.key, literal && other ? { ref: other, literal } : {});
  } else if (f.kind === 'not') collectAtoms(f.of, atoms);
  else if (f.kind === 'and' || f.kind === 'or') f.of.forEach((p) => collectAtoms(p, atoms));
}

/** One value compared with two different literals cannot equal both. */
function consistent(truth: Map<string, boolean>, atoms: Map<string, { ref?: string; literal?: string }>): boolean {
  const equalTo = new Map<string, string>();
  for (const [key, on] of truth) {
    const a = atoms.get(key)!;
    if (!on || !a.ref) continue;
    if (equalTo.has(a.ref) && equalTo.get(a.ref) !== a.literal) return false;
    equalTo.set(a.ref, a.literal!);
  }
  return true;
}

function evaluate(f: Formula, truth: Map<string, boolean>): boolean {
  switch (f.kind) {
    case 'atom': return truth.get(f.key)!;
    case 'const': return f.value;
    case 'not': return !evaluate(f.of, truth);
    case 'and': return f.of.every((p) => evaluate(p, truth));
    case 'or': return f.of.some((p) => evaluate(p, truth));
  }
}
