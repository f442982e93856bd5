import * as path from 'node:path';
import { asString, at, intrinsicName, isMap, isSeq, type TNode } from '../../template/nodes';
import { TemplateModel } from '../../template/template-model';
import { parameter, refTarget } from '../references';
import { nestedStacks, parentsOf } from './nested-stacks';
import { fileOfUri, type TemplateFiles } from './template-files';

/** A template of the same stack: the parent that nests this one, a sibling, or a nested child. */
export interface FamilyMember {
  file: string;
  model: TemplateModel;
  role: 'parent' | 'sibling' | 'child';
  /** The stack resource that nests it (in the parent; in this template for a child). */
  stackId?: string;
  /** That stack resource's Condition. */
  condition?: string;
}

/**
 * A template with the templates it is deployed with. The root is the parent when one nests this
 * template, else this template itself; members are the root's nested stacks and the root.
 */
export interface StackFamily {
  file: string;
  self: TemplateModel;
  root: { file: string; model: TemplateModel };
  members: FamilyMember[];
  /** The stack resource nesting each file in the root. */
  stackOf: Map<string, { stackId: string; condition?: string }>;
}

/** A resource named across stacks: the file it is in and its logical id there. */
export interface ResolvedRef { file: string; logicalId: string }

const parseCaches = new WeakMap<TemplateFiles, Map<string, { text: string; model: TemplateModel }>>();

/** Parses workspace templates once per text, per TemplateFiles (one per CLI run or editor session). */
function parserFor(files: TemplateFiles): (file: string) => TemplateModel | undefined {
  let cache = parseCaches.get(files);
  if (!cache) parseCaches.set(files, cache = new Map());
  const known = cache;
  return (file) => {
    const text = files.readText(file);
    if (text === undefined) return undefined;
    const hit = known.get(file);
    // Also on a hit: a model the lint shared (sharedTemplateModel) may be of a file that is no template.
    if (hit && hit.text === text) return hit.model.isCloudFormation ? hit.model : undefined;
    const model = TemplateModel.parse(file, text);
    known.set(file, { text, model });
    return model.isCloudFormation ? model : undefined;
  };
}

/**
 * The model of a file being linted, shared with the stack-family reader of the same run: a parent
 * template (one that nests stacks) is parsed once for its own lint and for each of its nested
 * templates' families, instead of once more (a fifth of the CLI's time on the public corpus).
 * Only nesting templates are kept for the run; any other file is parsed as before.
 */
export function sharedTemplateModel(files: TemplateFiles, file: string, text: string): TemplateModel {
  let cache = parseCaches.get(files);
  if (!cache) parseCaches.set(files, cache = new Map());
  const hit = cache.get(file);
  if (hit && hit.text === text && hit.model.uri === file) return hit.model;
  const model = TemplateModel.parse(file, text);
  if (text.includes(NESTED_STACK_TYPE)) cache.set(file, { text, model });
  return model;
}

const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

export function loadStackFamily(model: TemplateModel, files: TemplateFiles): StackFamily | undefined {
  const file = fileOfUri(model.uri);
  const parse = parserFor(files);
  const parent = parentsOf(file, files, parse)[0];
  const root = parent ? { file: parent.file, model: parent.model } : { file, model };
  const nested = nestedStacks(root.model, root.file, files);
  if (!parent && !nested.length) return undefined;
  const stackOf = new Map(nested.map((n) => [n.file, { stackId: n.stackId, ...(n.condition ? { condition: n.condition } : {}) }]));
  const members: FamilyMember[] = parent ? [{ file: parent.file, model: parent.model, role: 'parent' }] : [];
  for (const n of nested) {
    if (n.file === file || members.some((m) => m.file === n.file)) continue;
    const child = parse(n.file);
    if (child) members.push({ file: n.file, model: child, role: parent ? 'sibling' : 'child', stackId: n.stackId, ...(n.condition ? { condition: n.condition } : {}) });
  }
  return { file, self: model, root, members, stackOf };
}

/** A path to show in messages: relative to the template's folder. */
export function displayName(family: StackFamily, file: string): string {
  return path.relative(path.dirname(family.file), file) || path.basename(file);
}

/**
 * What a value in `file` names, followed across stacks: a parameter of a nested template becomes
 * what the root passes for it, and `!GetAtt Stack.Outputs.X` in the root becomes the resource that
 * output of the nested template refers to. Undefined when the chain leaves the templates we have.
 */
export function resolveAcross(family: StackFamily, file: string, node: TNode | undefined, depth = 0): ResolvedRef | undefined {
  if (!node || depth > 6) return undefined;
  const model = modelOf(family, file);
  if (!model) return undefined;
  const id = refTarget(node);
  if (!id) return undefined;
  if (intrinsicName(node) === 'Fn::GetAtt' && model.resource(id)?.type === 'AWS::CloudFormation::Stack') {
    const output = getAttOutput(node);
    const nestedFile = [...family.stackOf].find(([, s]) => s.stackId === id)?.[0];
    if (!output || !nestedFile || file !== family.root.file) return undefined;
    const nestedModel = modelOf(family, nestedFile);
    return resolveAcross(family, nestedFile, at(nestedModel?.root, ['Outputs', output, 'Value']), depth + 1);
  }
  if (intrinsicName(node) === 'Ref' && parameter(model, id)) {
    const nesting = family.stackOf.get(file);
    if (!nesting || file === family.root.file) return undefined;
    const passed = at(family.root.model.resource(nesting.stackId)?.properties, ['Parameters', id]);
    return resolveAcross(family, family.root.file, passed, depth + 1);
  }
  return model.resource(id) ? { file, logicalId: id } : undefined;
}

/** Every member and the template itself (the root included once). */
export function familyModels(family: StackFamily): Array<{ file: string; model: TemplateModel; condition?: string }> {
  return [{ file: family.file, model: family.self }, ...family.members.map((m) => ({ file: m.file, model: m.model, ...(m.condition ? { condition: m.condition } : {}) }))];
}

function modelOf(family: StackFamily, file: string): TemplateModel | undefined {
  if (file === family.file) return family.self;
  if (file === family.root.file) return family.root.model;
  return family.members.find((m) => m.file === file)?.model;
}

/** `Outputs.X` of `!GetAtt [Stack, Outputs.X]` or `!GetAtt Stack.Outputs.X`. */
function getAttOutput(node: TNode): string | undefined {
  if (!isMap(node)) return undefined;
  const arg = node.entries[0].value;
  const attr = isSeq(arg) ? asString(arg.items[1]) : asString(arg)?.split('.').slice(1).join('.');
  return attr?.startsWith('Outputs.') ? attr.slice('Outputs.'.length) : undefined;
}
