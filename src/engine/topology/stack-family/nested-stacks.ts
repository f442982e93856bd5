import * as path from 'node:path';
import { asString, at, intrinsicName, isMap, isSeq, type TNode } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import { branches } from '../conditions';
import { renderText } from '../user-data';
import type { TemplateFiles } from './template-files';

const STACK = 'AWS::CloudFormation::Stack';
const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;

/** A nested stack resource and the workspace file its TemplateURL names. */
export interface NestedStack {
  stackId: string;
  file: string;
  /** The stack resource's Condition in the parent, when it has one. */
  condition?: string;
}

/**
 * The nested stacks of `model` whose template is a workspace file. TemplateURL is resolved against
 * the template's folder: a relative path as written (what `aws cloudformation package` expects), or
 * the literal tail of a URL built from parameters (`!Sub '${DeploymentLocation}/04-web.yaml'`,
 * `https://${Bucket}.s3…/${Prefix}templates/web.yaml`), tried from its longest suffix down to the
 * file name. Every branch of an `Fn::If` counts.
 */
export function nestedStacks(model: TemplateModel, file: string, files: TemplateFiles): NestedStack[] {
  const dir = path.dirname(file);
  const out: NestedStack[] = [];
  for (const stack of model.resourcesOfType(STACK)) {
    const condition = asString(at(stack.node, ['Condition']));
    for (const b of branches(at(stack.properties, ['TemplateURL']))) {
      const target = resolveTemplateUrl(b.node, dir, files);
      if (target && target !== file && !out.some((o) => o.stackId === stack.logicalId && o.file === target)) {
        out.push({ stackId: stack.logicalId, file: target, ...(condition ? { condition } : {}) });
      }
    }
  }
  return out;
}

function resolveTemplateUrl(node: TNode | undefined, dir: string, files: TemplateFiles): string | undefined {
  const text = urlText(node);
  if (!text) return undefined;
  const literal = !text.includes('${');
  if (literal && !/^[a-z]+:\/\//i.test(text)) {
    const local = path.resolve(dir, text);
    return files.readText(local) !== undefined ? local : undefined;
  }
  const tail = (literal ? text.replace(/^[a-z]+:\/\/[^/]*/i, '') : text.slice(text.lastIndexOf('}') + 1)).replace(/[?#].*$/, '');
  const parts = tail.split('/').filter((p) => p && p !== '.');
  if (!parts.length || !TEMPLATE_FILE.test(parts[parts.length - 1])) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const candidate = path.resolve(dir, ...parts.slice(i));
    if (files.readText(candidate) !== undefined) return candidate;
  }
  return undefined;
}

/** The URL as text, parameters left as `${...}`; a parameter's own default is no file of ours. */
function urlText(node: TNode | undefined): string | undefined {
  if (!node) return undefined;
  if (intrinsicName(node) === 'Fn::Sub' && isMap(node)) {
    const arg = node.entries[0].value;
    return isSeq(arg) ? asString(arg.items[0]) : asString(arg);
  }
  return renderText(node);
}

/**
 * Templates near `file` (its folder and the folder above) that nest it, with the stack resource
 * that does. Only files that mention both a nested stack and this file's name are parsed.
 */
export function parentsOf(file: string, files: TemplateFiles, parse: (file: string) => TemplateModel | undefined): Array<{ file: string; model: TemplateModel; stack: NestedStack }> {
  const name = path.basename(file);
  const out: Array<{ file: string; model: TemplateModel; stack: NestedStack }> = [];
  for (const dir of [path.dirname(file), path.dirname(path.dirname(file))]) {
    for (const entry of files.listDir(dir)) {
      const candidate = path.join(dir, entry);
      if (candidate === file || !TEMPLATE_FILE.test(entry) || out.some((o) => o.file === candidate)) continue;
      const text = files.readText(candidate);
      if (!text || !nestsStacks(files, candidate, text) || !text.includes(name)) continue;
      const model = parse(candidate);
      const stack = model && nestedStacks(model, candidate, files).find((n) => n.file === file);
      if (model && stack) out.push({ file: candidate, model, stack });
    }
  }
  return out;
}

const nestingByReader = new WeakMap<TemplateFiles, Map<string, { text: string; nests: boolean }>>();

/**
 * Whether a template's text names a nested stack at all, found once per text: every file of a run
 * asks it of each template in its folder and the folder above, most of which nest nothing.
 */
function nestsStacks(files: TemplateFiles, file: string, text: string): boolean {
  let known = nestingByReader.get(files);
  if (!known) nestingByReader.set(files, known = new Map());
  const hit = known.get(file);
  if (hit && hit.text === text) return hit.nests;
  const nests = text.includes(STACK);
  known.set(file, { text, nests });
  return nests;
}
