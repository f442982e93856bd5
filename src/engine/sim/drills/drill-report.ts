/** The drill report: JSON for machines, rendered as text (CLI) and as a chart (VS Code). */
import type { AwsFacts } from '../aws/control-plane';
import type { CalendarResult } from '../aws/calendar-replay';

export type RequestKind = 'login' | 'page' | 'upload' | 'read' | 'verify';

export interface RequestRecord {
  /** ms since the drill started. */
  start: number;
  end: number;
  kind: RequestKind;
  user: number;
  status: number;
  ok: boolean;
  /** Why it failed: http500, http502, http503, timeout, connection, corrupt, missing, refused (Moodle's 200 saying it did not). */
  failure?: string;
  /** A 503 from maintenance mode (planned, shown apart from failures). */
  maintenance?: boolean;
  node?: string;
  /** The failure's message (the app's error text, or the socket error). */
  detail?: string;
}

export interface DrillEvent { t: number; kind: string; node?: string; detail?: string }

export interface SecondBucket {
  t: number;
  requests: number;
  failed: number;
  maintenance: number;
  sessionsLost: number;
  byNode: Record<string, number>;
  failuresByKind: Record<string, number>;
  /** Latency of the requests that ended in this second (ms); p50 is absent in reports made before it existed. */
  p50Ms?: number;
  p95Ms: number;
}

export interface DrillSummary {
  requests: number;
  failed: number;
  failedAfterDetection: number;
  /** Failed requests that ended before the disruption (not its doing; absent without one, and in older reports). */
  failedBeforeDisruption?: number;
  sessionsLost: number;
  uploads: number;
  uploadsLost: number;
  detectSeconds: number | null;
  recoverSeconds: number | null;
  /** Drill time (s) of the first request a user saw answered after the repair (by the target node, if any). */
  recoveredAt?: number | null;
  maintenance: number;
  /** Latency of every load request (ms). */
  latencyMs?: { p50: number; p95: number };
  failuresByKind: Record<string, number>;
  nodes: Record<string, number>;
  /** The most frequent failure messages, with counts. */
  topFailures: Array<{ kind: string; request: string; detail: string; count: number }>;
  /**
   * Answered, but only after STALL_MS or more: what a user feels as a hang though nothing failed
   * (a session lock left by a request that died with its node). Absent in older reports.
   */
  stalled?: { requests: number; users: number; longestMs: number };
  /**
   * Seconds from the disruption (or the repair, when there is one) until the end of the last
   * request that failed or stalled: when every user was served again. Absent in older reports.
   */
  servedAgainSeconds?: number | null;
}

/**
 * Every drill's first verdict: the load answered at least one request. A drill whose load never ran
 * (its clock spent before the first request) has nothing failed, and would otherwise pass.
 */
export function loadWasServed(s: Pick<DrillSummary, 'requests' | 'failed'>): { text: string; ok: boolean } {
  return { text: `the load was served (${s.requests} requests, ${s.requests - s.failed} answered)`, ok: s.requests - s.failed > 0 };
}

/**
 * With a web ACL in front of the load balancer, no request may be refused by it: every refusal
 * is a user whose upload or form failed before Moodle saw it, whatever else the drill broke.
 */
export function firewallLetMoodleThrough(s: Pick<DrillSummary, 'failuresByKind'>, firewall: { ruleName: string; blocksBodiesOverBytes: number }): Expectation {
  const refused = s.failuresByKind.firewall ?? 0;
  return { text: `the web ACL refused no request (${refused} refused by ${firewall.ruleName}: bodies over ${firewall.blocksBodiesOverBytes} bytes)`, ok: refused === 0 };
}

/** A user waiting this long feels the site hang, even when the page comes (the 10 s attention limit). */
export const STALL_MS = 10_000;

export interface Expectation { text: string; ok: boolean }

export interface DrillReport {
  drill: string;
  project: string;
  startedAt: string;
  durationSeconds: number;
  users: number;
  topology: { webNodes: number; cache: string; database: string; sticky: boolean; app: string };
  summary: DrillSummary;
  series: SecondBucket[];
  events: DrillEvent[];
  verdict: { passed: boolean; expectations: Expectation[] };
  notes: string[];
  /** What the AWS stand-ins did (target group, Auto Scaling group, deployment group, secret). */
  aws?: AwsFacts;
  /** The calendar drill: capacity against demand over the replayed year. */
  calendar?: CalendarResult;
}

export interface SummaryInput {
  records: RequestRecord[];
  /** ms since start at which a user found itself logged out. */
  sessionLosses: number[];
  uploads: number;
  uploadsLost: number;
  /** Seconds since start: when the disruption happened and when the repair started. */
  disruptAt?: number;
  restoreAt?: number;
  /** The node whose return marks recovery (kill-web). */
  targetNode?: string;
  /** When the LB noticed, from its own log (seconds); the earlier of this and the first abnormal request counts. */
  detectedAt?: number;
  /**
   * detectedAt came from the target group's health check (the AWS stand-ins): then that moment
   * alone counts. An ALB does not learn from a user's failed request, so a failure before it took
   * the node out is one AWS users see too, not a failure "after the LB noticed".
   */
  detectedByHealthCheck?: boolean;
  /** A request slower than this counts as "the LB noticed" (connect timeout to a dead node). */
  slowMs?: number;
}

// A web ACL's refusal says nothing of the nodes: it is judged on its own (firewallLetMoodleThrough).
const refusedByFirewall = (r: RequestRecord) => r.failure === 'firewall';
/** A failure the disruption can have caused: not maintenance, not the web ACL. */
const failedByDisruption = (r: RequestRecord) => !r.ok && !r.maintenance && !refusedByFirewall(r);
const isAbnormal = (r: RequestRecord, slowMs: number) => failedByDisruption(r) || r.end - r.start >= slowMs;

/** Pure maths over the request log: totals, detect and recover times, and the per-second series. */
export function summarize(input: SummaryInput): { summary: DrillSummary; series: SecondBucket[] } {
  const slowMs = input.slowMs ?? 800;
  const records = [...input.records].sort((a, b) => a.end - b.end);
  const load = records.filter((r) => r.kind !== 'verify');
  const failed = load.filter((r) => !r.ok && !r.maintenance);
  const failuresByKind: Record<string, number> = {};
  for (const r of failed) failuresByKind[r.failure ?? 'other'] = (failuresByKind[r.failure ?? 'other'] ?? 0) + 1;
  // What the disruption did: a web ACL's refusals happen whatever breaks, and are judged on their own.
  const disrupted = failed.filter((r) => !refusedByFirewall(r));
  const nodes: Record<string, number> = {};
  for (const r of load) if (r.ok && r.node) nodes[r.node] = (nodes[r.node] ?? 0) + 1;

  let detectSeconds: number | null = null;
  let detectedAtMs: number | undefined;
  if (input.disruptAt !== undefined) {
    const from = input.disruptAt * 1000;
    const until = input.restoreAt !== undefined ? input.restoreAt * 1000 : Infinity;
    const first = load.find((r) => r.end >= from && r.start < until && isAbnormal(r, slowMs));
    const byHealthCheck = input.detectedByHealthCheck && input.detectedAt !== undefined;
    const candidates = (byHealthCheck ? [input.detectedAt! * 1000] : [first?.end, input.detectedAt !== undefined ? input.detectedAt * 1000 : undefined]).filter((v): v is number => v !== undefined);
    if (candidates.length) { detectedAtMs = Math.min(...candidates); detectSeconds = round(Math.max(0, detectedAtMs - from) / 1000); }
  }
  const failedAfterDetection = detectedAtMs === undefined ? 0 : disrupted.filter((r) => r.start > detectedAtMs!).length;

  let recoverSeconds: number | null = null;
  let recoveredAt: number | null | undefined;
  if (input.disruptAt !== undefined) {
    const from = (input.restoreAt ?? input.disruptAt) * 1000;
    if (input.targetNode) {
      const back = load.find((r) => r.ok && r.node === input.targetNode && r.start >= from);
      recoverSeconds = back ? round((back.end - from) / 1000) : null;
      recoveredAt = back ? round(back.end / 1000) : null;
    } else {
      const lastFail = [...disrupted].reverse().find((r) => r.end >= input.disruptAt! * 1000);
      recoverSeconds = lastFail ? round(Math.max(0, lastFail.end - from) / 1000) : 0;
      recoveredAt = round(from / 1000 + recoverSeconds);
    }
  }

  let servedAgainSeconds: number | null = null;
  if (input.disruptAt !== undefined) {
    const from = (input.restoreAt ?? input.disruptAt) * 1000;
    const troubled = load.filter((r) => r.end >= input.disruptAt! * 1000 && (failedByDisruption(r) || (r.ok && r.end - r.start >= STALL_MS)));
    const last = Math.max(from, ...troubled.map((r) => r.end));
    servedAgainSeconds = round((last - from) / 1000);
  }

  const maxT = Math.max(0, ...load.map((r) => Math.floor(r.end / 1000)));
  const series: SecondBucket[] = [];
  for (let t = 0; t <= maxT; t++) series.push({ t, requests: 0, failed: 0, maintenance: 0, sessionsLost: 0, byNode: {}, failuresByKind: {}, p50Ms: 0, p95Ms: 0 });
  const latencies: number[][] = series.map(() => []);
  for (const r of load) {
    const b = series[Math.floor(r.end / 1000)];
    b.requests++;
    latencies[b.t].push(r.end - r.start);
    if (r.maintenance) b.maintenance++;
    else if (!r.ok) { b.failed++; b.failuresByKind[r.failure ?? 'other'] = (b.failuresByKind[r.failure ?? 'other'] ?? 0) + 1; }
    if (r.ok && r.node) b.byNode[r.node] = (b.byNode[r.node] ?? 0) + 1;
  }
  for (const ms of input.sessionLosses) { const b = series[Math.min(series.length - 1, Math.floor(ms / 1000))]; if (b) b.sessionsLost++; }
  for (const b of series) { b.p50Ms = percentile(latencies[b.t], 0.5); b.p95Ms = percentile(latencies[b.t], 0.95); }

  return {
    summary: {
      requests: load.length,
      failed: failed.length,
      failedAfterDetection,
      ...(input.disruptAt !== undefined ? { failedBeforeDisruption: failed.filter((r) => r.end < input.disruptAt! * 1000).length } : {}),
      sessionsLost: input.sessionLosses.length,
      uploads: input.uploads,
      uploadsLost: input.uploadsLost,
      detectSeconds,
      recoverSeconds,
      recoveredAt,
      maintenance: load.filter((r) => r.maintenance).length,
      latencyMs: { p50: percentile(load.map((r) => r.end - r.start), 0.5), p95: percentile(load.map((r) => r.end - r.start), 0.95) },
      failuresByKind,
      nodes,
      topFailures: topFailures(failed),
      stalled: stalls(load),
      servedAgainSeconds,
    },
    series,
  };
}

function stalls(load: RequestRecord[]): DrillSummary['stalled'] {
  const slow = load.filter((r) => r.ok && r.end - r.start >= STALL_MS);
  return { requests: slow.length, users: new Set(slow.map((r) => r.user)).size, longestMs: Math.max(0, ...slow.map((r) => r.end - r.start)) };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
}

function round(n: number): number { return Math.round(n * 100) / 100; }

function topFailures(failed: RequestRecord[]): DrillSummary['topFailures'] {
  const counts = new Map<string, DrillSummary['topFailures'][number]>();
  for (const r of failed) {
    const key = `${r.failure}|${r.kind}|${r.detail ?? ''}`;
    const entry = counts.get(key) ?? { kind: r.failure ?? 'other', request: r.kind, detail: r.detail ?? '', count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 5);
}
