import * as assert from 'node:assert/strict';
import { summarize, type RequestRecord, type SecondBucket } from '../../../../src/engine/sim/drills/drill-report';
import { restartedNodeServes } from '../../../../src/engine/sim/drills/kill-web';
import { killCacheDrill } from '../../../../src/engine/sim/drills/kill-cache';
import type { ReplicaState } from '../../../../src/engine/sim/replica/replica-state';
import { longestOutage, nodesServingAtEnd, servedAtEnd } from '../../../../src/engine/sim/drills/served';
import { calendarExpectations } from '../../../../src/engine/sim/drills/calendar';
import { defaultCalendar, type CalendarResult } from '../../../../src/engine/sim/aws/calendar-replay';
import { DEFAULT_LOAD } from '../../../../src/engine/sim/aws/calendar-replay';
import { failedAfterRotation, rotateDbSecretDrill } from '../../../../src/engine/sim/drills/rotate-db-secret';
import { fleetProblems, pendingVerdict } from '../../../../src/engine/sim/aws/site-upgrade';

const req = (start: number, end: number, node: string | undefined, ok = true): RequestRecord => ({ start, end, kind: 'page', user: 0, status: ok ? 200 : 502, ok, node, failure: ok ? undefined : 'http502' });

describe('sim/drill verdicts read what users saw', () => {
  it("kill-web: 'serving again' comes from the first request the restarted node answered, not from Docker's health", () => {
    // Killed at 8 s, restarted at 18 s, Docker says healthy at 19 s; the node answers nobody until 29.5 s.
    const records = [req(1_000, 1_050, 'web-2'), req(9_000, 9_050, 'web-1'), req(19_500, 19_600, 'web-1'), req(29_400, 29_500, 'web-2')];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 18, targetNode: 'web-2' });
    const events = [{ t: 8, kind: 'kill', node: 'web-2' }, { t: 18, kind: 'restart', node: 'web-2' }, { t: 19, kind: 'container-healthy', node: 'web-2' }];
    const e = restartedNodeServes(summary, events, 15);
    assert.equal(e.ok, true);
    assert.match(e.text, /web-2 answered users again within 15 s of its restart \(first answer 11\.5 s after it at t = 29\.5 s\)/);
    const late = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 12, targetNode: 'web-2' });
    assert.equal(restartedNodeServes(late.summary, events, 15).ok, false, '17.5 s after a restart at 12 s is too late, whatever Docker said');
    const never = summarize({ records: records.slice(0, 3), sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8, restoreAt: 18, targetNode: 'web-2' });
    assert.match(restartedNodeServes(never.summary, events, 15).text, /answered no user after it/);
  });

  it('kill-cache (Redis + replica): a user left waiting on a session lock for 29 s fails "every user served again within 10 s", though nothing failed', () => {
    const records = [req(8_000, 8_100, 'web-1'), { ...req(8_400, 37_500, 'web-2'), user: 2 }, req(9_000, 9_200, 'web-3'), req(38_000, 38_100, 'web-1')];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8.5 });
    const state = { plan: { cache: { kind: 'redis', replica: true } } } as unknown as ReplicaState;
    const served = killCacheDrill.expect(summary, state, [], 4, { series: [] }).find((e) => e.text.startsWith('every user served again'))!;
    assert.equal(summary.failed, 0);
    assert.equal(served.ok, false);
    assert.match(served.text, /the last 29\.0 s after it/);
    const quick = summarize({ records: records.filter((r) => r.end - r.start < 10_000), sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8.5 });
    assert.equal(killCacheDrill.expect(quick.summary, state, [], 4, { series: [] }).find((e) => e.text.startsWith('every user served again'))!.ok, true);
  });

  it('served at the end, serving nodes and the longest outage come from answered requests', () => {
    const b = (t: number, byNode: Record<string, number>, requests = 10, maintenance = 0): SecondBucket => ({ t, requests, failed: requests - Object.values(byNode).reduce((a, n) => a + n, 0) - maintenance, maintenance, sessionsLost: 0, byNode, failuresByKind: {}, p95Ms: 0 });
    const series = [b(0, { 'web-1': 10 }), b(1, {}), b(2, {}), b(3, {}, 10, 10), b(4, { 'web-3': 10 }), b(5, { 'web-3': 5, 'web-4': 5 }), b(6, { 'web-4': 10 }), b(7, { 'web-4': 2 }, 2)];
    assert.equal(longestOutage(series), 2, 'maintenance pages are answers, not an outage');
    assert.equal(servedAtEnd(series), true);
    assert.deepEqual(nodesServingAtEnd(series, 3), ['web-3', 'web-4']);
    assert.equal(servedAtEnd([...series.slice(0, 5), b(5, {}), b(6, {}), b(7, {}), b(8, {})]), false);
  });

  it('calendar: exam mornings and deadlines fail the verdict only when demand exceeded capacity then', () => {
    const base: CalendarResult = { points: [], shortfalls: [], actionsFired: 0, stepMinutes: 30, model: DEFAULT_LOAD, calendar: defaultCalendar(2026), shortMinutes: 0 };
    assert.ok(calendarExpectations(base).every((e) => e.ok));
    const short = { ...base, shortMinutes: 30, shortfalls: [{ from: 0, to: 1_800_000, label: 'deadline 23:59', worstUsers: 1140, worstCapacity: 2, demandNodes: 4.56 }] };
    const e = calendarExpectations(short);
    assert.equal(e[0].ok, true);
    assert.equal(e[1].ok, false);
    assert.match(e[2].text, /worst: deadline 23:59, 4\.56 nodes needed, 2 running/);
  });

  it('rotate-db-secret: only failures after the rotation decide; one before it is reported apart, not dropped', () => {
    // A login failed at 4 s (before the rotation at 8 s); everything after it was answered.
    const before = [req(1_000, 1_100, 'web-1'), req(3_900, 4_000, undefined, false), req(9_000, 9_100, 'web-2'), req(12_000, 12_100, 'web-1')];
    const { summary } = summarize({ records: before, sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8 });
    assert.equal(summary.failed, 1);
    assert.equal(summary.failedBeforeDisruption, 1);
    const verdict = rotateDbSecretDrill.expect(summary, {} as ReplicaState, [], 4, { series: [] }).find((e) => e.text.startsWith('the site kept serving after the rotation'))!;
    assert.equal(verdict.ok, true, verdict.text);
    assert.match(verdict.text, /0 failed after; 1 failed before the rotation, not its doing/);
    // A request in flight at the rotation that failed after it counts against the rotation.
    const during = summarize({ records: [...before, req(7_900, 8_300, undefined, false)], sessionLosses: [], uploads: 0, uploadsLost: 0, disruptAt: 8 });
    const bad = failedAfterRotation(during.summary);
    assert.equal(bad.ok, false);
    assert.match(bad.text, /1 failed after; 1 failed before/);
  });

  it('upgrade: --is-pending anywhere (or not asked at all) fails the drill and says which node', () => {
    const pending = pendingVerdict([{ node: 'web-1', exitCode: 0, message: '' }, { node: 'web-2', exitCode: 2, message: 'An upgrade is pending' }]);
    assert.equal(pending.ok, false);
    assert.match(pending.text, /NOT upgraded.*web-1 up to date, web-2 pending \(exit 2\)/);
    const refused = pendingVerdict([{ node: 'web-1', exitCode: 1, message: 'Refused: the code (1) is older than the database (2).' }]);
    assert.equal(refused.ok, false);
    assert.match(refused.text, /web-1 exit 1: Refused/);
    assert.equal(pendingVerdict([]).ok, false, 'a drill that asked no node has not shown the upgrade happened');
    assert.equal(pendingVerdict([{ node: 'web-1', exitCode: 0, message: '' }, { node: 'web-3', exitCode: 0, message: '' }]).ok, true);
  });

  it("upgrade: site upgrade's fleet check refuses while a node runs other code or another deployment", () => {
    assert.deepEqual(fleetProblems([{ node: 'web-1', codeVersion: '2', deployment: 'r2' }, { node: 'web-2', codeVersion: '2', deployment: 'r2' }], '2', 'r2'), []);
    assert.deepEqual(fleetProblems([
      { node: 'web-1', codeVersion: '2', deployment: 'r2' },
      { node: 'web-2', codeVersion: '1', deployment: 'r1' },
      { node: 'web-3', codeVersion: '2', deployment: 'r1' },
      { node: 'web-4' },
    ], '2', 'r2'), ['web-2 runs version 1, not 2', 'web-3 runs deployment r1, not r2', 'web-4 did not say which code it runs']);
  });
});
