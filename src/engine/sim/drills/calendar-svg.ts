import { escapeXml as esc } from '../../common/svg-text';
import type { CalendarResult } from '../aws/calendar-replay';
import { calendarDays } from './calendar';
import { anchorX, layoutLegend, niceMax, textBox, type TextBox } from './chart-layout';

const f = (n: number) => n.toFixed(1);

/** Capacity against demand, one bar per day (the day's busiest moment), red where demand exceeded capacity. */
export function layoutCalendarChart(result: CalendarResult, width = 760): { svg: string; texts: TextBox[]; width: number; height: number } {
  const days = calendarDays(result);
  const left = 52, right = 14, top = 12, plotH = 160;
  const plotW = width - left - right;
  const max = niceMax(Math.max(1, ...days.map((d) => Math.max(d.demand, d.capacity))));
  const barW = plotW / Math.max(1, days.length);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  const texts: TextBox[] = [];
  const text = (b: TextBox) => { texts.push(b); parts.push(`<text x="${f(anchorX(b))}" y="${f(b.y + b.fontSize)}" font-size="${b.fontSize}"${b.anchor === 'start' ? '' : ` text-anchor="${b.anchor}"`}>${esc(b.text)}</text>`); };
  days.forEach((d, i) => {
    const short = d.demand > d.capacity;
    parts.push(`<rect x="${f(left + i * barW)}" y="${f(y(d.demand))}" width="${f(Math.max(0.5, barW))}" height="${f((d.demand / max) * plotH)}" fill="${short ? '#dc2626' : '#93c5fd'}"><title>${esc(`${d.date} ${d.label}: demand ${d.demand} nodes, capacity ${d.capacity}`)}</title></rect>`);
  });
  const points = days.map((d, i) => `${f(left + (i + 0.5) * barW)},${f(y(d.capacity))}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="#111827" stroke-width="1.2"><title>capacity (web nodes)</title></polyline>`);
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#6b7280"/><line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#6b7280"/>`);
  text(textBox(String(max), left - 6, top + 8, 10, 'end'));
  text(textBox('0', left - 6, top + plotH, 10, 'end'));
  text(textBox('nodes', 4, top + plotH / 2, 10));
  let lastMonth = '';
  days.forEach((d, i) => {
    const month = d.date.slice(0, 7);
    if (month === lastMonth) return;
    lastMonth = month;
    const x = left + i * barW;
    if (x + 30 > width - right) return;
    text(textBox(new Date(`${d.date}T00:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }), x, top + plotH + 13, 10));
  });
  const legend = layoutLegend(['demand at the busiest moment (web nodes)', 'short of capacity', 'capacity'], left, width - right, top + plotH + 22);
  const fills = ['#93c5fd', '#dc2626', '#111827'];
  legend.items.forEach((item, i) => { parts.push(`<rect x="${f(item.swatch.x)}" y="${f(item.swatch.y)}" width="10" height="10" fill="${fills[i]}"/>`); text(item.label); });
  const height = Math.ceil(top + plotH + 22 + legend.height + 4);
  return { width, height, texts, svg: `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Capacity against demand over the school year" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" fill="currentColor">${parts.join('')}</svg>` };
}
