import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { escapeXml as esc } from '../../common/svg-text';
import type { DrillReport } from './drill-report';
import { formatReportText } from './format-report';
import { renderCompareSvg, renderReportSvg } from './report-svg';
import { formatSideBySide } from './format-report';

export interface WrittenReport {
  json: string;
  text: string;
  html: string;
}

/** A drill's report as files: JSON for machines, text for people, and an HTML page with the chart. */
export async function writeDrillReport(report: DrillReport, folder: string): Promise<WrittenReport> {
  await fs.mkdir(folder, { recursive: true });
  const base = path.join(folder, `${report.drill}-${report.project}`);
  const files = { json: `${base}.json`, text: `${base}.txt`, html: `${base}.html` };
  const text = formatReportText(report);
  await fs.writeFile(files.json, JSON.stringify(report, null, 2) + '\n');
  await fs.writeFile(files.text, text);
  await fs.writeFile(files.html, htmlPage(report, text));
  return files;
}

/** Two (or more) reports of one drill on different replicas: one JSON file, one page with one chart. */
export async function writeCompareReport(reports: DrillReport[], folder: string): Promise<{ json: string; html: string }> {
  await fs.mkdir(folder, { recursive: true });
  const base = path.join(folder, `${reports[0].drill}-${reports.map((r) => r.project).join('-vs-')}`);
  const files = { json: `${base}.json`, html: `${base}.html` };
  await fs.writeFile(files.json, JSON.stringify(reports, null, 2) + '\n');
  const side = reports.length === 2 ? formatSideBySide(reports[0], reports[1]) : '';
  await fs.writeFile(files.html, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`${reports[0].drill}: ${reports.map((r) => r.project).join(' vs ')}`)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{background:#f4f4f5;padding:1rem;overflow:auto}</style></head>
<body><h1>${esc(reports[0].drill)} drill — ${esc(reports.map((r) => `${r.project}: ${r.verdict.passed ? 'passed' : 'failed'}`).join(', '))}</h1>
${renderCompareSvg(reports)}
<pre>${esc(side)}</pre>
${reports.map((r) => `<pre>${esc(formatReportText(r))}</pre>`).join('\n')}</body></html>
`);
  return files;
}

function htmlPage(report: DrillReport, text: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`${report.drill} drill: ${report.project}`)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{background:#f4f4f5;padding:1rem;overflow:auto}</style></head>
<body><h1>${esc(report.drill)} drill — ${report.verdict.passed ? 'passed' : 'failed'}</h1>
${renderReportSvg(report)}
<pre>${esc(text)}</pre></body></html>
`;
}
