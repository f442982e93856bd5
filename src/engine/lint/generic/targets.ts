import { isMap, isScalar, isSeq, type TemplatePath, type TNode } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import { walk } from './walk';

/** Sections whose intrinsics CloudFormation resolves (Metadata and Mappings hold no references it checks). */
const RESOLVED_SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const;

export const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

/** An intrinsic call found in a resolved section, with the path of its map. */
export interface IntrinsicCall {
  name: string;
  argument: TNode;
  node: TNode;
  path: TemplatePath;
}

/**
 * Every `name` call (`Ref`, `Fn::GetAtt`…) in Conditions, Resources and Outputs, nested ones
 * included. Templates with a Transform are left out by the callers: a macro or SAM makes names
 * the template does not show.
 */
export function intrinsicCalls(model: TemplateModel, name: string): IntrinsicCall[] {
  const calls: IntrinsicCall[] = [];
  for (const section of RESOLVED_SECTIONS) {
    for (const { node, path } of walk(model.section(section), [section])) {
      if (!isMap(node) || node.entries.length !== 1 || node.entries[0].key !== name) continue;
      calls.push({ name, argument: node.entries[0].value, node, path });
    }
  }
  return calls;
}

export function hasTransform(model: TemplateModel): boolean {
  return model.get(['Transform']) !== undefined;
}

export function names(model: TemplateModel): { parameters: Set<string>; resources: Set<string> } {
  return {
    parameters: new Set(model.section('Parameters')?.entries.map((e) => e.key) ?? []),
    resources: new Set(model.resources().map((r) => r.logicalId)),
  };
}

/** `X` of `!GetAtt X.Attr` / `[X, Attr]`, when it is written literally. */
export function getAttTarget(argument: TNode): string | undefined {
  if (isSeq(argument) && isScalar(argument.items[0]) && typeof argument.items[0].value === 'string') return argument.items[0].value;
  if (isScalar(argument) && typeof argument.value === 'string') return argument.value.split('.')[0];
  return undefined;
}
