import * as assert from 'node:assert/strict';
import { loadWasServed, percentile, summarize, type RequestRecord } from '../../../../src/engine/sim/drills/drill-report';

let n = 0;
function req(start: number, end: number, ok = true, extra: Partial<RequestRecord> = {}): RequestRecord {
  return { start, end, kind: 'page', user: n++ % 4, status: ok ? 200 : 502, ok, failure: ok ? undefined : 'http502', node: ok ? 'web-1' : undefined, ...extra };
}

describe('sim/drill-report summarize', () => {
  it('counts requests, failures by kind and nodes; verify reads are not load', () => {
    const { summary } = summarize({
      records: [req(0, 10), req(5, 20, false), req(30, 40, true, { node: 'web-2' }), req(50, 60, true, { kind: 'verify' })],
      sessionLosses: [], uploads: 3, uploadsLost: 1,
    });
    assert.equal(summary.requests, 3);
    assert.equal(summary.failed, 1);
    assert.deepEqual(summary.failuresByKind, { http502: 1 });
    assert.deepEqual(summary.nodes, { 'web-1': 1, 'web-2': 1 });
    assert.equal(summary.uploadsLost, 1);
    assert.equal(summary.detectSeconds, null, 'no disruption, nothing to detect');
  });

  it('detects at the first abnormal request after the disruption and counts failures after it', () => {
    const records = [
      req(7_000, 7_050, false),         // before the disruption: not a detection
      req(8_000, 8_050),
      req(8_100, 9_200),                // slow (connect timeout to the dead node): detection at 9.2 s
      req(9_000, 9_250, false),         // started before detection: not counted after
      req(9_500, 9_600, false),         // after detection: counted
      req(10_000, 10_050),
    ];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8 });
    assert.equal(summary.detectSeconds, 1.2);
    assert.equal(summary.failedAfterDetection, 1);
    assert.equal(summary.failed, 3);
  });

  it('with the target group deciding (AWS stand-ins), "after the LB noticed" starts when it took the node out, not at the first user who failed', () => {
    const records = [
      req(8_000, 8_050, false),         // the first user to hit the dead node: an ALB learns nothing from it
      req(8_500, 18_500, false),        // sent before the target group took it out, 504 after the 10 s connect timeout
      req(9_500, 9_600),
      req(9_700, 9_800, false),         // sent after it was taken out: a real failure after detection
    ];
    const input = { records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, detectedAt: 9.2 };
    const { summary } = summarize({ ...input, detectedByHealthCheck: true });
    assert.equal(summary.detectSeconds, 1.2);
    assert.equal(summary.failedAfterDetection, 1);
    // nginx's passive check does learn from the first failure: there the earlier moment counts.
    assert.equal(summarize(input).summary.failedAfterDetection, 2);
  });

  it('a page answered after a long wait (a session lock left by a killed request) is a stall, not a failure', () => {
    const records = [req(10_000, 10_040, true, { user: 1 }), req(10_100, 36_100, true, { user: 2 }), req(36_200, 47_000, true, { user: 2 }), req(50_000, 50_900, true, { user: 3 })];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0 });
    assert.equal(summary.failed, 0);
    assert.deepEqual(summary.stalled, { requests: 2, users: 1, longestMs: 26_000 });
  });

  it('takes the LB log time when it is earlier than anything a client saw', () => {
    const { summary } = summarize({ records: [req(8_000, 8_030), req(9_000, 9_900)], sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, detectedAt: 8.05 });
    assert.equal(summary.detectSeconds, 0.05);
  });

  it('ignores planned maintenance answers in failures and detection', () => {
    const m = req(8_100, 8_200, false, { status: 503, failure: 'http503', maintenance: true });
    const { summary, series } = summarize({ records: [m, req(8_300, 8_400)], sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8 });
    assert.equal(summary.failed, 0);
    assert.equal(summary.maintenance, 1);
    assert.equal(summary.detectSeconds, null);
    assert.equal(series[8].maintenance, 1);
  });

  it('recovers when the target node answers again after the restart', () => {
    const records = [req(8_000, 9_000), req(19_000, 19_100), req(25_000, 25_100, true, { node: 'web-2' }), req(26_000, 26_500, true, { node: 'web-2' })];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 18, targetNode: 'web-2' });
    assert.equal(summary.recoverSeconds, 7.1);
  });

  it('says null when the target node never came back', () => {
    const { summary } = summarize({ records: [req(20_000, 20_100)], sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 18, targetNode: 'web-2' });
    assert.equal(summary.recoverSeconds, null);
  });

  it('without a target, recovery is the end of the last failure after the repair began', () => {
    const records = [req(8_500, 8_600, false), req(17_000, 19_500, false), req(20_000, 20_100)];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 16 });
    assert.equal(summary.recoverSeconds, 3.5);
  });

  it('every user served again: the end of the last failure or stall after the disruption, not only of failures', () => {
    const records = [req(8_500, 8_600), req(8_700, 37_500, true, { user: 2 }), req(9_000, 9_400, false), req(38_000, 38_100)];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8.5 });
    assert.equal(summary.failed, 1);
    assert.equal(summary.recoverSeconds, 0.9, 'the last failure ended 0.9 s after the kill');
    assert.equal(summary.servedAgainSeconds, 29, 'the stalled user was served 29 s after the kill');
  });

  it('builds one bucket per second with nodes, failures, session losses and p95', () => {
    const records = [req(100, 200), req(300, 400, true, { node: 'web-2' }), req(1_100, 1_900, false), req(2_000, 2_010)];
    const { series } = summarize({ records, sessionLosses: [1_500, 1_600], uploads: 0, uploadsLost: 0 });
    assert.equal(series.length, 3);
    assert.deepEqual(series[0].byNode, { 'web-1': 1, 'web-2': 1 });
    assert.equal(series[1].failed, 1);
    assert.deepEqual(series[1].failuresByKind, { http502: 1 });
    assert.equal(series[1].sessionsLost, 2);
    assert.equal(series[1].p95Ms, 800);
  });

  it('keeps the most frequent failure messages', () => {
    const records = [1, 2, 3].map((i) => req(i * 10, i * 10 + 5, false, { detail: 'Session store unavailable' })).concat([req(50, 55, false, { failure: 'timeout', detail: 'x' })]);
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0 });
    assert.deepEqual(summary.topFailures[0], { kind: 'http502', request: 'page', detail: 'Session store unavailable', count: 3 });
  });

  it('computes percentiles', () => {
    assert.equal(percentile([], 0.95), 0);
    assert.equal(percentile([5, 1, 3], 0.5), 3);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95), 95);
  });
});

describe('sim/drill-report loadWasServed', () => {
  it('fails a drill whose load answered nothing (no request, or every request failed)', () => {
    assert.equal(loadWasServed({ requests: 0, failed: 0 }).ok, false);
    assert.equal(loadWasServed({ requests: 5, failed: 5 }).ok, false);
    assert.equal(loadWasServed({ requests: 5, failed: 4 }).ok, true);
    assert.match(loadWasServed({ requests: 5, failed: 4 }).text, /5 requests, 1 answered/);
  });
});
