import type { Change } from '@aws-sdk/client-cloudformation';

export interface ResourceChangePreview {
  logicalId: string;
  physicalId?: string;
  type?: string;
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic' | string;
  /** 'True' replaces the resource (new physical id, data may be lost); 'Conditional' may. */
  replacement?: 'True' | 'False' | 'Conditional' | string;
  /** Properties whose change causes the action, with whether each forces replacement. */
  causes: Array<{ property: string; requiresRecreation?: string; causingEntity?: string }>;
}

export interface ChangeSetPreview {
  stackName: string;
  changeSetName: string;
  changeSetId?: string;
  type: 'CREATE' | 'UPDATE';
  changes: ResourceChangePreview[];
  /** NoEcho values are shown as ****; the preview can be printed or logged. */
  parameters: Array<{ key: string; value: string; usePrevious?: boolean }>;
  capabilities: string[];
}

export function toResourceChanges(changes: Change[]): ResourceChangePreview[] {
  const out: ResourceChangePreview[] = [];
  for (const c of changes) {
    const rc = c.ResourceChange;
    if (!rc) continue;
    const causes = (rc.Details ?? []).map((d) => ({
      property: d.Target?.Name ?? d.Target?.Attribute ?? '?',
      requiresRecreation: d.Target?.RequiresRecreation,
      causingEntity: d.CausingEntity,
    }));
    out.push({
      logicalId: rc.LogicalResourceId ?? '?',
      physicalId: rc.PhysicalResourceId,
      type: rc.ResourceType,
      action: rc.Action ?? 'Modify',
      replacement: rc.Replacement,
      causes: dedupe(causes),
    });
  }
  return out;
}

export function isReplacement(change: ResourceChangePreview): boolean {
  return change.replacement === 'True' || change.replacement === 'Conditional';
}

/** The change set as text, replacements marked, for the CLI and the preview document. */
export function formatChangeSet(preview: ChangeSetPreview): string {
  const lines = [`Change set ${preview.changeSetName} (${preview.type}) for stack ${preview.stackName}:`];
  if (preview.changes.length === 0) lines.push('  (no resource changes: only parameters, outputs or tags change)');
  const width = Math.max(8, ...preview.changes.map((c) => c.logicalId.length));
  for (const c of preview.changes) {
    const mark = c.action === 'Add' ? '+' : c.action === 'Remove' ? '-' : c.replacement === 'True' ? '!' : c.replacement === 'Conditional' ? '?' : '~';
    const replace = c.replacement === 'True' ? '  REPLACEMENT' : c.replacement === 'Conditional' ? '  MAY REPLACE' : '';
    lines.push(`  ${mark} ${c.action.padEnd(6)} ${c.logicalId.padEnd(width)} ${c.type ?? ''}${replace}`);
    for (const cause of c.causes) {
      const why = cause.requiresRecreation && cause.requiresRecreation !== 'Never' ? ` (recreation: ${cause.requiresRecreation})` : '';
      lines.push(`        ${cause.property}${why}${cause.causingEntity ? ` ← ${cause.causingEntity}` : ''}`);
    }
  }
  if (preview.parameters.length) {
    lines.push('Parameters:');
    for (const p of preview.parameters) lines.push(`  ${p.key} = ${p.usePrevious ? '(previous value)' : p.value}`);
  }
  if (preview.capabilities.length) lines.push(`Capabilities: ${preview.capabilities.join(', ')}`);
  const adds = preview.changes.filter((c) => c.action === 'Add').length;
  const mods = preview.changes.filter((c) => c.action === 'Modify').length;
  const rems = preview.changes.filter((c) => c.action === 'Remove').length;
  const reps = preview.changes.filter(isReplacement).length;
  lines.push(`${adds} to add, ${mods} to modify, ${rems} to remove${reps ? `, ${reps} replaced or possibly replaced` : ''}.`);
  return lines.join('\n') + '\n';
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => { const k = JSON.stringify(i); if (seen.has(k)) return false; seen.add(k); return true; });
}
