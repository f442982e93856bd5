import type { CfnValue } from './intrinsics';
import { Ref, Sub } from './intrinsics';
import type { ScaffoldOptions } from '../options';

/** A part of the template: the builder merges sections in order, so the file reads top to bottom. */
export interface Section {
  parameters?: Record<string, CfnValue>;
  conditions?: Record<string, CfnValue>;
  resources: Record<string, CfnValue>;
  outputs?: Record<string, CfnValue>;
}

/** What every section needs: the answers, and the AZ indexes (1-based) the stack spans. */
export interface BuildContext {
  options: ScaffoldOptions;
  azs: number[];
}

export function contextFor(options: ScaffoldOptions): BuildContext {
  return { options, azs: Array.from({ length: options.azCount }, (_, i) => i + 1) };
}

/** Name/Project/Environment on every taggable resource; names come from the stack, never hard-coded. */
export function tags(name: string): CfnValue[] {
  return [
    { Key: 'Name', Value: Sub(`\${AWS::StackName}-${name}`) },
    { Key: 'Project', Value: Ref('ProjectTag') },
    { Key: 'Environment', Value: Ref('EnvironmentName') },
  ];
}

export function output(description: string, value: CfnValue, exportName?: string): CfnValue {
  return { Description: description, Value: value, Export: exportName ? { Name: Sub(`\${AWS::StackName}-${exportName}`) } : undefined };
}
