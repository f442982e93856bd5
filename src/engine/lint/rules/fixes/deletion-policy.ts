import type { TemplatePath } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import type { TextEdit } from '../../finding';
import { insertKeys, replaceScalar } from './yaml-edit';

/**
 * Set DeletionPolicy and UpdateReplacePolicy on a resource: both, because a replacement
 * (an update that changes an immutable property) deletes the old resource as surely as a delete.
 */
export function resourcePolicyFix(model: TemplateModel, resourcePath: TemplatePath, policy: 'Retain' | 'Snapshot'): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const missing: Array<[string, string]> = [];
  for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const existing = model.get([...resourcePath, key]);
    if (!existing) { missing.push([key, policy]); continue; }
    if (existing.kind === 'scalar' && (existing.value === policy || existing.value === 'Retain')) continue;
    const edit = replaceScalar(model, [...resourcePath, key], policy);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (missing.length) {
    const edit = insertKeys(model, resourcePath, missing);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits.length ? edits : undefined;
}
