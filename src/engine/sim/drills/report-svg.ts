import { escapeXml as esc } from '../../common/svg-text';
import type { DrillReport } from './drill-report';
import { layoutCalendarChart } from './calendar-svg';
import { anchorX, layoutEventLabels, layoutLegend, niceMax, textBox, timeTicks, type Box, type TextBox } from './chart-layout';

const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#84cc16', '#f97316'];
const FAILED = '#dc2626';
const MAINTENANCE = '#9ca3af';
const P50 = '#0f766e';
const P95 = '#b45309';

const f = (n: number) => n.toFixed(1);

export interface ChartLayout { width: number; height: number; svg: string; texts: TextBox[]; eventLabels: TextBox[] }

/** One drill's chart: requests per second by node, failures and maintenance; latency p50/p95; events. */
export function renderReportSvg(report: DrillReport, width = 760): string {
  if (report.calendar) return layoutCalendarChart(report.calendar, width).svg;
  return layoutChart([report], width).svg;
}

/** Two (or more) drill reports on one time and request scale, one above the other (`--compare`). */
export function renderCompareSvg(reports: DrillReport[], width = 760): string {
  return layoutChart(reports, width).svg;
}

/**
 * The whole picture and its text boxes. Requests per second are stacked bars coloured by the node
 * that answered, failures red on top, maintenance answers grey; below, latency p50 and p95 per
 * second; events as dashed lines with labels on as many rows as they need. Plain SVG, no script.
 */
export function layoutChart(reports: DrillReport[], width = 760): ChartLayout {
  const left = 52, right = 14, gap = 14;
  const plotW = width - left - right;
  const requestsH = 140, latencyH = 70, axisH = 18;
  const seconds = Math.max(1, ...reports.map((r) => r.series.length));
  const maxRequests = niceMax(Math.max(1, ...reports.flatMap((r) => r.series.map((b) => b.requests))));
  const maxLatency = niceMax(Math.max(1, ...reports.flatMap((r) => r.series.map((b) => b.p95Ms))));
  const nodes = [...new Set(reports.flatMap((r) => r.series.flatMap((b) => Object.keys(b.byNode))))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const colour = (node: string) => PALETTE[nodes.indexOf(node) % PALETTE.length];
  const xOf = (t: number) => left + (t / seconds) * plotW;
  const barW = plotW / seconds;

  const parts: string[] = [];
  const texts: TextBox[] = [];
  const eventLabels: TextBox[] = [];
  const text = (box: TextBox, extra = '') => { texts.push(box); parts.push(`<text x="${f(anchorX(box))}" y="${f(box.y + box.fontSize)}" font-size="${box.fontSize}"${box.anchor === 'start' ? '' : ` text-anchor="${box.anchor}"`}${extra}>${esc(box.text)}</text>`); };
  const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, extra = '') => parts.push(`<line x1="${f(x1)}" x2="${f(x2)}" y1="${f(y1)}" y2="${f(y2)}" stroke="${stroke}"${extra}/>`);

  let y = 8;
  for (const report of reports) {
    if (reports.length > 1) {
      text(textBox(`${report.project}: ${report.drill}, ${report.topology.webNodes} web nodes, ${report.topology.cache}, ${report.topology.database} (${report.verdict.passed ? 'passed' : 'failed'})`, left, y + 12, 12), ' font-weight="bold"');
      y += 18;
    }
    // Event labels first: their row count decides where the plots start.
    const labelled = report.events.map((e) => ({ x: xOf(e.t), text: `${e.kind}${e.node ? ` ${e.node}` : ''}`, t: e.t }));
    const rowsProbe = layoutEventLabels(labelled, left, width - right, 0);
    const labelsBottom = y + rowsProbe.rows * 14 + 2;
    const laid = layoutEventLabels(labelled, left, width - right, labelsBottom - 2);
    for (const box of laid.boxes) { text(box); eventLabels.push(box); }
    const top = labelsBottom + 6;

    // Requests per second.
    const yReq = (v: number) => top + requestsH - (v / maxRequests) * requestsH;
    for (const b of report.series) {
      let stack = 0;
      const x = left + b.t * barW;
      const segment = (value: number, fill: string, title: string) => {
        if (!value) return;
        parts.push(`<rect x="${f(x)}" y="${f(yReq(stack + value))}" width="${f(Math.max(1, barW - 1))}" height="${f((value / maxRequests) * requestsH)}" fill="${fill}"><title>${esc(`${b.t} s: ${title} ${value}`)}</title></rect>`);
        stack += value;
      };
      for (const node of nodes) segment(b.byNode[node] ?? 0, colour(node), node);
      segment(b.maintenance, MAINTENANCE, 'maintenance');
      segment(b.failed, FAILED, `failed (${Object.entries(b.failuresByKind).map(([k, n]) => `${k} ${n}`).join(', ')})`);
    }
    line(left, top + requestsH, left + plotW, top + requestsH, '#6b7280');
    line(left, top, left, top + requestsH, '#6b7280');
    text(textBox(String(maxRequests), left - 6, top + 8, 10, 'end'));
    text(textBox(String(maxRequests / 2), left - 6, top + requestsH / 2 + 4, 10, 'end'));
    text(textBox('0', left - 6, top + requestsH, 10, 'end'));
    text(textBox('req/s', 4, top + requestsH / 4 + 4, 10));

    // Latency per second (of the requests that ended in that second).
    const lTop = top + requestsH + gap;
    const yLat = (ms: number) => lTop + latencyH - (Math.min(ms, maxLatency) / maxLatency) * latencyH;
    const poly = (values: number[], stroke: string, label: string) => {
      if (!values.length) return;
      const points = values.map((v, t) => `${f(left + (t + 0.5) * barW)},${f(yLat(v))}`).join(' ');
      parts.push(`<polyline points="${points}" fill="none" stroke="${stroke}" stroke-width="1.5"><title>${esc(label)}</title></polyline>`);
    };
    poly(report.series.map((b) => b.p50Ms ?? 0), P50, 'latency p50 (ms)');
    poly(report.series.map((b) => b.p95Ms), P95, 'latency p95 (ms)');
    line(left, lTop + latencyH, left + plotW, lTop + latencyH, '#6b7280');
    line(left, lTop, left, lTop + latencyH, '#6b7280');
    text(textBox(String(maxLatency), left - 6, lTop + 8, 10, 'end'));
    text(textBox('0', left - 6, lTop + latencyH, 10, 'end'));
    text(textBox('ms', 4, lTop + latencyH / 2 + 4, 10));

    for (const e of labelled) line(e.x, labelsBottom, e.x, lTop + latencyH, '#111827', ' stroke-dasharray="3 2"');

    // Time axis: the last tick is the drill's end, anchored so it stays inside the picture.
    const ticks = timeTicks(seconds);
    const axisY = lTop + latencyH + 13;
    ticks.forEach((t, i) => text(textBox(`${t} s`, xOf(t), axisY, 10, i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle')));
    y = lTop + latencyH + axisH + 8;
  }

  const legendLabels = [...nodes, 'failed', 'maintenance', 'latency p50', 'latency p95'];
  const fills = [...nodes.map(colour), FAILED, MAINTENANCE, P50, P95];
  const legend = layoutLegend(legendLabels, left, width - right, y);
  legend.items.forEach((item, i) => {
    parts.push(`<rect x="${f(item.swatch.x)}" y="${f(item.swatch.y)}" width="${item.swatch.width}" height="${item.swatch.height}" fill="${fills[i]}"/>`);
    text(item.label);
  });
  const height = Math.ceil(y + legend.height + 4);
  const title = reports.length > 1 ? `Requests per second and latency: ${reports.map((r) => r.project).join(' vs ')}` : `Requests per second and latency during ${reports[0]?.drill ?? 'the drill'}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" fill="currentColor">${parts.join('')}</svg>`;
  return { width, height, svg, texts, eventLabels };
}

export type { Box };
