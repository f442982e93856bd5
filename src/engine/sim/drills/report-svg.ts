import type { DrillReport } from './drill-report';

const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#84cc16', '#f97316'];
const FAILED = '#dc2626';
const MAINTENANCE = '#9ca3af';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Requests per second as stacked bars coloured by the node that answered, failures in red on top,
 * maintenance answers in grey, and the drill's events (kill, restart…) as labelled vertical lines.
 * Plain SVG text: no script, no CDN, safe to inline in a webview.
 */
export function renderReportSvg(report: DrillReport, width = 760, height = 280): string {
  const nodes = [...new Set(report.series.flatMap((b) => Object.keys(b.byNode)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const colour = (node: string) => PALETTE[nodes.indexOf(node) % PALETTE.length];
  const left = 44, right = 12, top = 28, bottom = 36;
  const plotW = width - left - right, plotH = height - top - bottom;
  const seconds = Math.max(1, report.series.length);
  const max = Math.max(1, ...report.series.map((b) => b.requests));
  const barW = plotW / seconds;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const b of report.series) {
    let stack = 0;
    const x = left + b.t * barW;
    const segment = (value: number, fill: string, title: string) => {
      if (!value) return;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(stack + value).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${((value / max) * plotH).toFixed(1)}" fill="${fill}"><title>${esc(`${b.t} s: ${title} ${value}`)}</title></rect>`);
      stack += value;
    };
    for (const node of nodes) segment(b.byNode[node] ?? 0, colour(node), node);
    segment(b.maintenance, MAINTENANCE, 'maintenance');
    segment(b.failed, FAILED, `failed (${Object.entries(b.failuresByKind).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  }
  for (const e of report.events) {
    const x = left + e.t * barW;
    parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top - 4}" y2="${top + plotH}" stroke="#111827" stroke-dasharray="3 2"/>`);
    parts.push(`<text x="${(x + 2).toFixed(1)}" y="${top - 8}" font-size="10" transform="rotate(-20 ${(x + 2).toFixed(1)} ${top - 8})">${esc(`${e.kind}${e.node ? ` ${e.node}` : ''}`)}</text>`);
  }
  const axis = [
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#6b7280"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#6b7280"/>`,
    `<text x="${left - 6}" y="${top + 4}" font-size="10" text-anchor="end">${max}</text>`,
    `<text x="${left - 6}" y="${top + plotH}" font-size="10" text-anchor="end">0</text>`,
    `<text x="${left + plotW}" y="${top + plotH + 14}" font-size="10" text-anchor="end">${seconds} s</text>`,
    `<text x="${left}" y="${top + plotH + 14}" font-size="10">0 s</text>`,
  ];
  const legendItems = [...nodes.map((n) => [n, colour(n)]), ['failed', FAILED], ['maintenance', MAINTENANCE]];
  const legend = legendItems.map(([label, fill], i) => `<rect x="${left + i * 95}" y="${height - 14}" width="10" height="10" fill="${fill}"/><text x="${left + i * 95 + 14}" y="${height - 5}" font-size="11">${esc(label)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(`Requests per second during ${report.drill}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" fill="currentColor">${[...axis, ...parts, ...legend].join('')}</svg>`;
}
