import type { Chunk } from '../../template/chunks';
import { isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';

/** A small template holding only the resources an edit changed, and where each one sits in it. */
export interface PartialTemplate {
  text: string;
  /** For each changed resource chunk: its first line in the partial text. */
  placements: Array<{ chunk: Chunk; partialStartLine: number }>;
}

/** Sections the changed resources may need for their references; Outputs refer to everything and stay out. */
const CONTEXT_SECTIONS = new Set(['AWSTemplateFormatVersion', 'Parameters', 'Mappings', 'Conditions', 'Rules']);

/**
 * Builds the template AWS's validator checks while the user types: the context sections, the
 * changed resources as written, and a stub (its Type only) for each other resource they refer
 * to, so references still resolve. Findings on anything but the changed resources are discarded by
 * the caller; the full validation that follows a pause in typing checks everything.
 * Returns undefined when a partial check would not be faithful (transforms, no changes).
 */
export function buildPartialTemplate(model: TemplateModel, chunks: Chunk[], changed: Chunk[]): PartialTemplate | undefined {
  if (!changed.length || chunks.some((c) => c.key === 'Transform')) return undefined;
  const parts: string[] = [];
  let line = 0;
  const add = (text: string) => {
    const withNewline = text.endsWith('\n') ? text : `${text}\n`;
    parts.push(withNewline);
    line += withNewline.split('\n').length - 1;
  };
  for (const chunk of chunks) if (chunk.kind === 'section' && CONTEXT_SECTIONS.has(chunk.key)) add(chunk.text);
  add('Resources:');
  const placements: PartialTemplate['placements'] = [];
  const changedIds = new Set(changed.map((c) => c.key.slice('Resources/'.length)));
  const referenced = new Set<string>();
  for (const chunk of changed) {
    placements.push({ chunk, partialStartLine: line });
    add(chunk.text);
    collectReferences(model.get(['Resources', chunk.key.slice('Resources/'.length)]), referenced);
  }
  const indent = /^\s*/.exec(changed[0].text)?.[0] ?? '  ';
  for (const id of referenced) {
    const resource = changedIds.has(id) ? undefined : model.resource(id);
    if (resource?.type) add(`${indent}${id}:\n${indent}${indent}Type: ${resource.type}`);
  }
  return { text: parts.join(''), placements };
}

/** Logical ids a resource refers to: Ref, GetAtt, Sub variables, DependsOn. */
export function referencesOf(node: TNode | undefined): Set<string> {
  const into = new Set<string>();
  collectReferences(node, into);
  return into;
}

function collectReferences(node: TNode | undefined, into: Set<string>): void {
  if (!node) return;
  if (isSeq(node)) { for (const item of node.items) collectReferences(item, into); return; }
  if (!isMap(node)) return;
  for (const e of node.entries) {
    const v = e.value;
    if (e.key === 'Ref' && isScalar(v)) into.add(String(v.value));
    else if (e.key === 'Fn::GetAtt' && isSeq(v) && isScalar(v.items[0])) into.add(String(v.items[0].value));
    else if (e.key === 'Fn::GetAtt' && isScalar(v)) into.add(String(v.value).split('.')[0]);
    else if (e.key === 'Fn::Sub') subVariables(isSeq(v) ? v.items[0] : v, into);
    else if (e.key === 'DependsOn') {
      for (const d of isSeq(v) ? v.items : [v]) if (isScalar(d)) into.add(String(d.value));
    }
    collectReferences(v, into);
  }
}

function subVariables(node: TNode | undefined, into: Set<string>): void {
  if (!isScalar(node) || typeof node.value !== 'string') return;
  for (const m of node.value.matchAll(/\$\{([^!}][^}]*)\}/g)) into.add(m[1].split('.')[0]);
}
