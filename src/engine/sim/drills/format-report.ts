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
    `  requests ${s.requests}   failed ${s.failed} (${kinds})   failed after detection ${s.failedAfterDetection}${s.maintenance ? `   maintenance pages ${s.maintenance}` : ''}`,
    `  sessions lost ${s.sessionsLost}   uploads ${s.uploads}, lost ${s.uploadsLost}   detect ${secs(s.detectSeconds)}   recover ${secs(s.recoverSeconds)}${s.latencyMs ? `   latency p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms` : ''}`,
    `  answered by: ${nodes}`,
    ...s.topFailures.map((f) => `  ${String(f.count).padStart(5)} × ${f.kind} on ${f.request}: ${f.detail}`),
    '',
    ...report.verdict.expectations.map((e) => `  ${e.ok ? '✔' : '✘'} ${e.text}`),
    '',
    'Events:',
    ...report.events.map((e) => `  ${e.t.toFixed(1).padStart(5)} s  ${e.kind}${e.node ? ` ${e.node}` : ''}${e.detail ? `  ${e.detail}` : ''}`),
    ...(report.notes.length ? ['', 'Notes:', ...report.notes.map((n) => `  ${n}`)] : []),
    '',
    '   t  req  fail  lost  p50ms  p95ms  by node',
    ...report.series.map((b) => `${String(b.t).padStart(4)} ${String(b.requests).padStart(4)} ${String(b.failed).padStart(5)} ${String(b.sessionsLost).padStart(5)} ${String(b.p50Ms ?? '—').padStart(6)} ${String(b.p95Ms).padStart(6)}  ${Object.entries(b.byNode).map(([n, c]) => `${n}:${c}`).join(' ')}${b.maintenance ? `  maint:${b.maintenance}` : ''}${b.failed ? `  ${Object.entries(b.failuresByKind).map(([k, c]) => `${k}:${c}`).join(' ')}` : ''}`),
    '',
    report.verdict.passed ? 'PASSED' : 'FAILED: see ✘ above',
    '',
  ];
  return lines.join('\n');
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
