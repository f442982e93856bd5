import { StackStatus, type StatusClass } from '../../deploy/stack-status';

/** One deployed resource's state, as DescribeStackResources reports it. */
export interface ResourceState {
  status: string;
  reason?: string;
}

/** The state a part is drawn with: its worst resource's. */
export interface PartState extends ResourceState {
  logicalId: string;
  statusClass: StatusClass;
  mark: string;
}

/** A mark per class, so the state reads without colour (the word follows it). */
const MARK: Record<StatusClass, string> = { complete: '✔', inProgress: '⟳', failed: '✖', rolledBack: '↺', deleted: '⌫', review: '?' };
/** Worst first: a part with one failed resource is drawn failed. */
const ORDER: StatusClass[] = ['failed', 'inProgress', 'rolledBack', 'deleted', 'review', 'complete'];

export const STATUS_LEGEND = '✔ complete (solid) · ⟳ in progress (dashed) · ✖ failed (thick) · ↺ rolled back (dotted)';

export function classOf(status: string): StatusClass {
  return StackStatus.of(status).statusClass;
}

/** The worst state among a part's resources; undefined when none of them is in the stack. */
export function stateOfParts(states: Record<string, ResourceState>, logicalIds: string[]): PartState | undefined {
  let worst: PartState | undefined;
  for (const id of logicalIds) {
    const state = Object.hasOwn(states, id) ? states[id] : undefined;
    if (!state) continue;
    const statusClass = classOf(state.status);
    if (!worst || ORDER.indexOf(statusClass) < ORDER.indexOf(worst.statusClass)) worst = { ...state, logicalId: id, statusClass, mark: MARK[statusClass] };
  }
  return worst;
}

/** Line style and colour for a state: the style alone tells the classes apart. */
export function statusStroke(state: PartState): string {
  switch (state.statusClass) {
    case 'failed': return 'stroke="var(--error)" stroke-width="3"';
    case 'inProgress': return 'stroke="var(--warning)" stroke-width="2" stroke-dasharray="8 4"';
    case 'rolledBack': case 'deleted': return 'stroke="var(--warning)" stroke-width="2" stroke-dasharray="2 3"';
    case 'review': return 'stroke="var(--muted)" stroke-dasharray="2 3"';
    default: return 'stroke="var(--ok)"';
  }
}

/**
 * Below the picture: how many resources are in each state, then every resource that is not
 * complete (most of a stack — subnets, roles, security groups — is not drawn as a part, and a
 * failure there matters as much).
 */
export function resourceStatusFooter(states: Record<string, ResourceState>, maxListed = 8): string[] {
  const entries = Object.entries(states);
  const counts = new Map<StatusClass, number>();
  for (const [, s] of entries) counts.set(classOf(s.status), (counts.get(classOf(s.status)) ?? 0) + 1);
  const summary = ORDER.filter((c) => counts.has(c)).map((c) => `${MARK[c]} ${counts.get(c)} ${c === 'inProgress' ? 'in progress' : c === 'rolledBack' ? 'rolled back' : c}`).join(' · ');
  const notDone = entries.filter(([, s]) => classOf(s.status) !== 'complete')
    .sort(([, a], [, b]) => ORDER.indexOf(classOf(a.status)) - ORDER.indexOf(classOf(b.status)));
  const lines = [`${entries.length} resource(s) in the stack: ${summary || 'none'}`,
    ...notDone.slice(0, maxListed).map(([id, s]) => `${MARK[classOf(s.status)]} ${id}: ${s.status}${s.reason ? ` — ${s.reason}` : ''}`)];
  if (notDone.length > maxListed) lines.push(`+${notDone.length - maxListed} more not complete`);
  return lines;
}
