import type { AwsFacts } from '../aws/control-plane';
import type { CalendarResult } from '../aws/calendar-replay';
import type { DrillReport } from './drill-report';

const secs = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} s`);

/** The CLI's rendering: summary, expectations, events, then one line per second. */
export function formatReportText(report: DrillReport): string {
  const s = report.summary;
  const kinds = Object.entries(s.failuresByKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  const nodes = Object.entries(s.nodes).map(([k, n]) => `${k} ${n}`).join(', ');
  const lines = [
    `Drill ${report.drill} on '${report.project}' (${report.topology.webNodes} web nodes, ${report.topology.database}, ${report.topology.cache}${report.topology.sticky ? ', sticky' : ''}, ${report.topology.app}): ${report.users} users, ${report.durationSeconds} s`,
    '',
    `  requests ${s.requests}   failed ${s.failed} (${kinds})   failed after detection ${s.failedAfterDetection}${s.failedBeforeDisruption ? `   failed before the disruption ${s.failedBeforeDisruption}` : ''}${s.maintenance ? `   maintenance pages ${s.maintenance}` : ''}`,
    `  sessions lost ${s.sessionsLost}   uploads ${s.uploads}, lost ${s.uploadsLost}   detect ${secs(s.detectSeconds)}   recover ${secs(s.recoverSeconds)}${s.latencyMs ? `   latency p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms` : ''}`,
    `  answered by: ${nodes}`,
    ...(s.stalled?.requests ? [`  stalled (answered after ≥ 10 s): ${s.stalled.requests} requests of ${s.stalled.users} user(s), the longest ${(s.stalled.longestMs / 1000).toFixed(1)} s`] : []),
    ...s.topFailures.map((f) => `  ${String(f.count).padStart(5)} × ${f.kind} on ${f.request}: ${f.detail}`),
    '',
    ...report.verdict.expectations.map((e) => `  ${e.ok ? '✔' : '✘'} ${e.text}`),
    '',
    'Events:',
    ...report.events.map((e) => `  ${e.t.toFixed(1).padStart(5)} s  ${e.kind}${e.node ? ` ${e.node}` : ''}${e.detail ? `  ${e.detail}` : ''}`),
    ...(report.notes.length ? ['', 'Notes:', ...report.notes.map((n) => `  ${n}`)] : []),
    ...(report.aws ? ['', ...formatAwsFacts(report.aws)] : []),
    ...(report.calendar ? ['', ...formatCalendar(report.calendar)] : []),
    '',
    '   t  req  fail  lost  p50ms  p95ms  by node',
    ...report.series.map((b) => `${String(b.t).padStart(4)} ${String(b.requests).padStart(4)} ${String(b.failed).padStart(5)} ${String(b.sessionsLost).padStart(5)} ${String(b.p50Ms ?? '—').padStart(6)} ${String(b.p95Ms).padStart(6)}  ${Object.entries(b.byNode).map(([n, c]) => `${n}:${c}`).join(' ')}${b.maintenance ? `  maint:${b.maintenance}` : ''}${b.failed ? `  ${Object.entries(b.failuresByKind).map(([k, c]) => `${k}:${c}`).join(' ')}` : ''}`),
    '',
    report.verdict.passed ? 'PASSED' : 'FAILED: see ✘ above',
    '',
  ];
  return lines.join('\n');
}

/** What the AWS stand-ins did, in the report's words. */
export function formatAwsFacts(a: AwsFacts): string[] {
  return [
    `AWS (time ${a.timeFactor}× faster than the drill):`,
    `  target group: ${a.healthCheck}; ${a.unhealthyMarks} unhealthy mark(s)`,
    `  Auto Scaling: ${a.autoScaling}; replaced ${a.replaced}, launched ${a.launched.length}${a.launched.length ? ` (${a.launched.join(', ')})` : ''}, abandoned ${a.abandoned}`,
    `  fleet: ${a.nodesAtStart.join(', ') || '—'} at the start, ${a.nodesAtEnd.join(', ') || '—'} at the end${a.nodesAtStart.length && a.nodesAtStart.every((n) => !a.nodesAtEnd.includes(n)) ? ' (every node replaced)' : ''}`,
    `  CodeDeploy: ${a.deploymentGroup}${a.deployments.length ? `; ${a.deployments.map((d) => `${d.kind} ${d.revision} (v${d.version}) ${d.status}`).join(', ')}` : ''}${a.downgradesRefused ? `; ${a.downgradesRefused} refused downgrade(s)` : ''}`,
    `  database credentials: ${a.dbCredentials}${a.secretRotations ? `; ${a.secretRotations} rotation(s)` : ''}`,
  ];
}

function formatCalendar(c: CalendarResult): string[] {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return [
    `Capacity against demand (${c.calendar.start} – ${c.calendar.end}, ${c.calendar.timeZone}): ${c.shortMinutes} min short`,
    ...c.shortfalls.slice(0, 15).map((s) => `  ${day(s.from)}  ${s.label}: ${s.worstUsers} users need ${s.demandNodes} nodes, ${s.worstCapacity} serving`),
    ...(c.shortfalls.length > 15 ? [`  … and ${c.shortfalls.length - 15} more`] : []),
  ];
}

/** Two reports next to each other (e.g. kill-cache with one memcached vs Redis + replica). */
export function formatSideBySide(a: DrillReport, b: DrillReport): string {
  const rows: Array<[string, (r: DrillReport) => string]> = [
    ['session cache', (r) => r.topology.cache],
    ['requests', (r) => String(r.summary.requests)],
    ['failed', (r) => String(r.summary.failed)],
    ['failures by kind', (r) => Object.entries(r.summary.failuresByKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'],
    ['sessions lost', (r) => `${r.summary.sessionsLost} (of ${r.users} users)`],
    ['uploads lost', (r) => String(r.summary.uploadsLost)],
    ['detect', (r) => secs(r.summary.detectSeconds)],
    ['recover', (r) => secs(r.summary.recoverSeconds)],
    ['verdict', (r) => (r.verdict.passed ? 'PASSED' : 'FAILED')],
  ];
  const w0 = Math.max(...rows.map(([k]) => k.length));
  const w1 = Math.max(...rows.map(([, f]) => f(a).length), 10);
  return [
    `${''.padEnd(w0)}  ${a.project.padEnd(w1)}  ${b.project}`,
    ...rows.map(([k, f]) => `${k.padEnd(w0)}  ${f(a).padEnd(w1)}  ${f(b)}`),
    '',
  ].join('\n');
}
