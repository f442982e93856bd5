import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeXml } from '../../../../src/engine/common/svg-text';
import type { DrillReport } from '../../../../src/engine/sim/drills/drill-report';
import { renderReportSvg } from '../../../../src/engine/sim/drills/report-svg';
import { writeDrillReport } from '../../../../src/engine/sim/drills/write-report';

describe('common: one XML escape for every picture and page', () => {
  const hostile = `web-<2> & "x" 'y'`;
  const report = {
    drill: 'kill-web', project: 'p', startedAt: '', durationSeconds: 2, users: 1,
    topology: { webNodes: 2, cache: 'memcached', database: 'MariaDB', sticky: false, app: 'probe' },
    summary: { requests: 1, failed: 0, failedAfterDetection: 0, sessionsLost: 0, uploads: 0, uploadsLost: 0, detectSeconds: 0, recoverSeconds: 0, maintenance: 0, failuresByKind: {}, nodes: {}, topFailures: [] },
    series: [{ t: 0, requests: 1, failed: 0, maintenance: 0, sessionsLost: 0, byNode: { 'web-1': 1 }, failuresByKind: {}, p95Ms: 1 }],
    events: [{ t: 1, kind: 'kill', node: hostile }], verdict: { passed: true, expectations: [{ text: hostile, ok: true }] }, notes: [],
  } as unknown as DrillReport;

  it('escapes all five XML specials, quotes included', () => {
    assert.equal(escapeXml(hostile), 'web-&lt;2&gt; &amp; &quot;x&quot; &#39;y&#39;');
  });

  it('the drill chart and the drill page escape a node name the same way as the topology and cost pictures', async () => {
    assert.ok(renderReportSvg(report).includes(escapeXml(hostile)), 'chart');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-esc-'));
    try {
      const files = await writeDrillReport(report, dir);
      const html = fs.readFileSync(files.html, 'utf8');
      assert.ok(html.includes(escapeXml(hostile)), 'page');
      assert.ok(!html.includes(hostile), 'never raw');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
