import type { RequestRecord } from '../../sim/drills/drill-report';
import type { ReplicaNode, ReplicaState } from '../../sim/replica/replica-state';

/** What a replica node is doing, in the words the picture prints. */
export type NodeHealth = 'healthy' | 'unhealthy' | 'starting' | 'running' | 'stopped';

export interface LiveNode {
  name: string;
  role: ReplicaNode['role'];
  health: NodeHealth;
  /** Requests it answered in the last second of a drill (undefined outside a drill). */
  serving?: number;
}

/** A mark per state, so health reads without colour; the word follows it. */
export const HEALTH_MARK: Record<NodeHealth, string> = { healthy: '✔', unhealthy: '✖', starting: '…', running: '●', stopped: '■' };
export const HEALTH_LEGEND = 'nodes: ✔ healthy (solid) · ✖ unhealthy (thick) · … starting (dashed) · ■ stopped (dotted) · ▶ serving requests now (filled)';

/** Docker's state and health check as one word: a container that is not running is stopped, whatever its last health was. */
export function healthOf(node: Pick<ReplicaNode, 'state' | 'health'>): NodeHealth {
  if (node.state !== 'running') return 'stopped';
  if (node.health === 'healthy' || node.health === 'unhealthy' || node.health === 'starting') return node.health;
  return 'running';
}

/**
 * The replica's nodes as the picture draws them, with the requests each answered in the last second.
 * A node that is not running serves nobody now, whatever it answered before it died: drawn
 * "■ web-2 stopped ▶ 7 req/s" in the second after a kill, it read as still serving.
 */
export function liveNodesOf(state: ReplicaState, serving?: Record<string, number>): LiveNode[] {
  return state.nodes.map((n) => {
    const health = healthOf(n);
    return { name: n.name, role: n.role, health, ...(serving ? { serving: health === 'stopped' ? 0 : serving[n.name] ?? 0 } : {}) };
  });
}

/**
 * Requests answered per node in the last `windowMs` before `nowMs` (the drill's clock: ms since it
 * started), from the load generator's records: which node is serving users right now.
 */
export function servingByNode(records: readonly RequestRecord[], nowMs: number, windowMs = 1000): Record<string, number> {
  const counts: Record<string, number> = {};
  // Records are appended as requests end: read back from the newest until the window is left.
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.end < nowMs - windowMs - 30_000) break;
    if (r.end > nowMs || r.end <= nowMs - windowMs || !r.ok || !r.node) continue;
    counts[r.node] = (counts[r.node] ?? 0) + 1;
  }
  return counts;
}

/** Line style for a node's box: the style alone tells the states apart. */
export function nodeStroke(health: NodeHealth): string {
  switch (health) {
    case 'unhealthy': return 'stroke="var(--error)" stroke-width="3"';
    case 'starting': return 'stroke="var(--warning)" stroke-width="1.5" stroke-dasharray="5 3"';
    case 'stopped': return 'stroke="var(--muted)" stroke-dasharray="1 3"';
    case 'healthy': return 'stroke="var(--ok)" stroke-width="1.5"';
    default: return 'stroke="var(--fg)"';
  }
}
