import * as assert from 'node:assert/strict';
import { inside, layoutEventLabels, overlaps, timeTicks } from '../../../../src/engine/sim/drills/chart-layout';
import { layoutChart, renderCompareSvg } from '../../../../src/engine/sim/drills/report-svg';
import type { DrillReport, SecondBucket } from '../../../../src/engine/sim/drills/drill-report';

function report(project: string, seconds: number, events: DrillReport['events']): DrillReport {
  const series: SecondBucket[] = Array.from({ length: seconds }, (_, t) => ({
    t, requests: 40 + (t % 7), failed: t === 9 ? 3 : 0, maintenance: 0, sessionsLost: 0,
    byNode: { 'web-1': 20, 'web-2': 20 + (t % 7) }, failuresByKind: (t === 9 ? { http502: 3 } : {}) as Record<string, number>, p50Ms: 12 + t, p95Ms: 40 + 3 * t,
  }));
  return {
    drill: 'kill-web', project, startedAt: '2026-12-01T00:00:00Z', durationSeconds: seconds, users: 4,
    topology: { webNodes: 2, cache: 'memcached', database: 'MariaDB', sticky: false, app: 'probe' },
    summary: { requests: 1, failed: 0, failedAfterDetection: 0, sessionsLost: 0, uploads: 0, uploadsLost: 0, detectSeconds: null, recoverSeconds: null, maintenance: 0, failuresByKind: {}, nodes: {}, topFailures: [] },
    series, events, verdict: { passed: true, expectations: [] }, notes: [],
  };
}

const crowded: DrillReport['events'] = [
  { t: 8, kind: 'kill', node: 'web-2' }, { t: 8, kind: 'lb-noticed', node: 'web-2' }, { t: 8.01, kind: 'target-unhealthy', node: 'web-2' },
  { t: 18, kind: 'restart', node: 'web-2' }, { t: 18.2, kind: 'container-healthy', node: 'web-2' },
  { t: 39.9, kind: 'serving', node: 'web-2' }, { t: 40, kind: 'asg-replace', node: 'web-2' },
];

describe('sim/drill chart layout', () => {
  it('puts events at the same second on separate rows: no two event labels overlap', () => {
    const chart = layoutChart([report('a', 40, crowded)]);
    assert.equal(chart.eventLabels.length, crowded.length);
    for (let i = 0; i < chart.eventLabels.length; i++) {
      for (let j = i + 1; j < chart.eventLabels.length; j++) {
        assert.ok(!overlaps(chart.eventLabels[i], chart.eventLabels[j]), `${chart.eventLabels[i].text} overlaps ${chart.eventLabels[j].text}`);
      }
    }
  });

  it('keeps every label inside the viewBox, the x-axis end label and the last event included', () => {
    for (const width of [360, 760]) {
      const chart = layoutChart([report('a', 40, crowded)], width);
      for (const box of chart.texts) assert.ok(inside(box, chart.width, chart.height), `'${box.text}' at ${JSON.stringify(box)} outside ${chart.width}×${chart.height}`);
      assert.ok(chart.texts.some((b) => b.text === '40 s'), 'the end of the time axis is labelled');
      assert.match(chart.svg, new RegExp(`viewBox="0 0 ${chart.width} ${chart.height}"`));
    }
  });

  it('labels the y-axes with their units and draws latency p50 and p95', () => {
    const chart = layoutChart([report('a', 20, [])]);
    assert.ok(chart.texts.some((b) => b.text === 'req/s'));
    assert.ok(chart.texts.some((b) => b.text === 'ms'));
    assert.equal((chart.svg.match(/<polyline/g) ?? []).length, 2);
    assert.match(chart.svg, /latency p50/);
    assert.match(chart.svg, /latency p95/);
  });

  it('--compare draws two reports in one picture on one scale, with their project names', () => {
    const svg = renderCompareSvg([report('memcached-one', 30, crowded), report('redis-pair', 40, [])]);
    assert.equal((svg.match(/<svg/g) ?? []).length, 1);
    assert.match(svg, /memcached-one: kill-web/);
    assert.match(svg, /redis-pair: kill-web/);
    assert.equal((svg.match(/<polyline/g) ?? []).length, 4);
    const chart = layoutChart([report('memcached-one', 30, crowded), report('redis-pair', 40, [])]);
    for (const box of chart.texts) assert.ok(inside(box, chart.width, chart.height), `'${box.text}' outside`);
    assert.equal(chart.texts.filter((b) => b.text === '40 s').length, 2, 'both panels share the longer time axis');
  });

  it('event labels that cannot fit right of their line end at the right edge', () => {
    const { boxes } = layoutEventLabels([{ x: 740, text: 'a long label near the end' }], 52, 746, 30);
    assert.ok(boxes[0].x + boxes[0].width <= 746);
  });

  it('time ticks end at the drill end and never crowd it', () => {
    assert.deepEqual(timeTicks(40), [0, 5, 10, 15, 20, 25, 30, 35, 40]);
    assert.deepEqual(timeTicks(90), [0, 15, 30, 45, 60, 75, 90]);
    const t = timeTicks(41);
    assert.equal(t[t.length - 1], 41);
    assert.ok(t[t.length - 1] - t[t.length - 2] >= 5);
  });
});
