import type { GenericCheck } from './generic-check';
import { hasTransform } from './targets';

/** What a resource entry may hold besides its type's properties (the template anatomy page). */
const ATTRIBUTES = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy', 'Version']);

/**
 * cfn-lint E3001: a resource holds only its attributes (Type, Properties, DependsOn…); a
 * `Description` or a property written one level too high is rejected by CloudFormation.
 * (Version is left to the validator: it is valid on custom resources only.)
 */
export const resourceAttributes: GenericCheck = {
  id: 'E3001',
  severity: 'error',
  description: 'A resource holds only Type, Properties, DependsOn, Condition, Metadata and the policies.',
  check(model, report) {
    if (hasTransform(model)) return;
    for (const r of model.resources()) {
      for (const e of r.node.entries) {
        if (ATTRIBUTES.has(e.key)) continue;
        report({ message: `Resource '${r.logicalId}' has '${e.key}', which is not a resource attribute (Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, CreationPolicy, UpdatePolicy).`, range: e.keyRange, path: [...r.path, e.key], subject: e.key });
      }
    }
  },
};
