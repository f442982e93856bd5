import type { ReplicaState } from './replica-state';

/** `sim status` as text: one line per node. */
export function formatStatus(state: ReplicaState): string {
  const rows = state.nodes.map((n) => [n.name, n.role, n.state, n.health, n.ip, n.image.replace(/^moodle-ha\//, '')]);
  const head = ['NODE', 'ROLE', 'STATE', 'HEALTH', 'ADDRESS', 'IMAGE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const plan = state.plan;
  return [
    `Replica '${state.project}' at ${state.siteUrl}  (${plan.app.kind === 'probe' ? 'probe app' : `Moodle from ${plan.app.dir}`}, ${plan.database.family === 'postgres' ? 'PostgreSQL' : 'MariaDB'}, ${plan.cache.kind}${plan.cache.replica ? ' + replica' : ''}${plan.appCache ? ', MUC on Redis' : ''}${plan.lb.sticky ? ', sticky LB' : ''})`,
    line(head),
    ...rows.map(line),
    '',
  ].join('\n');
}
