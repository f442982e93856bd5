import * as vscode from 'vscode';
import type { DrillReport } from '../../engine/sim/drills/drill-report';
import { renderReportSvg } from '../../engine/sim/drills/report-svg';
import { formatReportText } from '../../engine/sim/drills/format-report';
import { escapeXml as esc } from '../../engine/common/svg-text';


/** A drill report: summary, expectations, the chart (inline SVG, no script, no CDN) and the text report. */
export function showDrillReport(report: DrillReport): void {
  const panel = vscode.window.createWebviewPanel('moodleHa.drillReport', `Drill: ${report.drill}`, vscode.ViewColumn.Active, { enableScripts: false });
  panel.webview.html = drillHtml(report, panel.webview.cspSource);
}

export function drillHtml(report: DrillReport, cspSource: string): string {
  const s = report.summary;
  const stat = (label: string, value: string | number, bad = false) => `<div class="stat${bad ? ' bad' : ''}"><div class="v">${esc(String(value))}</div><div class="l">${esc(label)}</div></div>`;
  const secs = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} s`);
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource}; img-src ${cspSource} data:;">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.stat { border: 1px solid var(--vscode-panel-border); padding: 6px 12px; min-width: 90px; }
.stat .v { font-size: 1.4em; } .stat .l { opacity: .75; font-size: .85em; }
.bad .v { color: var(--vscode-errorForeground); }
li.ok::marker { content: '✔ '; } li.no::marker { content: '✘ '; color: var(--vscode-errorForeground); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; font-size: .85em; }
</style></head><body>
<h2>${esc(report.drill)} — ${report.verdict.passed ? 'passed' : 'failed'}</h2>
<p>${esc(`${report.topology.webNodes} web nodes, ${report.topology.database}, ${report.topology.cache}, ${report.topology.app}; ${report.users} users for ${report.durationSeconds} s`)}</p>
<div class="stats">
${stat('requests', s.requests)}${stat('failed', s.failed, s.failed > 0)}${stat('failed after detection', s.failedAfterDetection, s.failedAfterDetection > 0)}
${stat('sessions lost', s.sessionsLost, s.sessionsLost > 0)}${stat('uploads lost', `${s.uploadsLost} / ${s.uploads}`, s.uploadsLost > 0)}
${stat('detect', secs(s.detectSeconds))}${stat('recover', secs(s.recoverSeconds))}${s.maintenance ? stat('maintenance pages', s.maintenance) : ''}
</div>
<ul>${report.verdict.expectations.map((e) => `<li class="${e.ok ? 'ok' : 'no'}">${esc(e.text)}</li>`).join('')}</ul>
${renderReportSvg(report)}
<pre>${esc(formatReportText(report))}</pre>
</body></html>`;
}
