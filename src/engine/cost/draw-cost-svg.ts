import { coord, escapeXml } from '../common/svg-text';
import { RAMP, RAMP_TEXT, SVG_THEME_STYLE } from '../common/svg-theme';
import type { CapacityDay } from './capacity-year';
import type { CostEstimate } from './estimate-cost';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const money = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;

/**
 * The school year as a picture: a calendar of web servers per day (noon, and 21:00 after the
 * slash when it differs), then the monthly cost per service with the busiest and quietest month
 * side by side, the price source and its date, and the assumptions. Plain SVG, no script.
 */
export function drawCostSvg(estimate: CostEstimate): string {
  const width = 980;
  const parts: string[] = [];
  let y = 28;
  parts.push(`<text x="16" y="${y}" font-size="16" font-weight="bold">${escapeXml(`Capacity and cost, ${estimate.year} (${estimate.region})`)}</text>`);
  y += 18;
  parts.push(`<text x="16" y="${y}" font-size="11" class="muted">${escapeXml(`Prices: ${estimate.prices.source}, ${estimate.prices.date}.`)}</text>`);
  y += 16;
  if (estimate.capacity) y = drawCalendar(parts, estimate, y + 8);
  y = drawCostTable(parts, estimate, y + 16, width);
  y += 8;
  parts.push(`<text x="16" y="${y}" font-size="11" font-weight="bold">Assumptions</text>`);
  for (const line of estimate.assumptions) parts.push(`<text x="24" y="${(y += 15)}" font-size="11" class="muted">${escapeXml(`• ${line}`)}</text>`);
  if (estimate.notPriced.length) {
    parts.push(`<text x="16" y="${(y += 20)}" font-size="11" font-weight="bold">Not in the estimate</text>`);
    for (const item of estimate.notPriced) parts.push(`<text x="24" y="${(y += 15)}" font-size="11" class="muted">${escapeXml(`• ${item.logicalId}: ${item.why}`)}</text>`);
  }
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`Capacity and cost for ${estimate.year}`)}"><style>${SVG_THEME_STYLE}</style>${parts.join('')}</svg>`;
}

function drawCalendar(parts: string[], estimate: CostEstimate, top: number): number {
  const capacity = estimate.capacity!;
  const cell = 26, left = 48, rowH = 24;
  const most = Math.max(1, ...capacity.days.map((d) => d.peak));
  const step = (nodes: number) => Math.min(RAMP.length - 1, Math.floor(((nodes - 1) / Math.max(1, most - 1)) * (RAMP.length - 1) + 0.0001));
  parts.push(`<text x="16" y="${top}" font-size="12" font-weight="bold">${escapeXml(`Web servers per day (${capacity.asgLogicalId}; ${capacity.timeZone}): noon / evening`)}</text>`);
  const gridTop = top + 10;
  for (let d = 1; d <= 31; d++) parts.push(`<text x="${coord(left + (d - 1) * cell + cell / 2)}" y="${gridTop + 10}" font-size="9" text-anchor="middle" class="muted">${d}</text>`);
  const byMonth = new Map<number, CapacityDay[]>();
  for (const day of capacity.days) {
    const month = Number(day.date.slice(5, 7)) - 1;
    byMonth.set(month, [...(byMonth.get(month) ?? []), day]);
  }
  for (let m = 0; m < 12; m++) {
    const rowY = gridTop + 16 + m * rowH;
    parts.push(`<text x="16" y="${rowY + 15}" font-size="11">${MONTHS[m]}</text>`);
    for (const day of byMonth.get(m) ?? []) {
      const d = Number(day.date.slice(8, 10));
      const x = left + (d - 1) * cell;
      const s = step(day.noon);
      const label = day.evening === day.noon ? String(day.noon) : `${day.noon}/${day.evening}`;
      const weekend = [0, 6].includes(new Date(`${day.date}T12:00:00Z`).getUTCDay());
      parts.push(`<g><title>${escapeXml(`${day.date}: ${day.noon} at noon, ${day.evening} at 21:00, up to ${day.peak}; max ${day.maxSize}${day.noonAction ? `; set by ${day.noonAction}` : ''}`)}</title>`
        + `<rect x="${x + 1}" y="${rowY}" width="${cell - 2}" height="${rowH - 3}" rx="2" fill="${RAMP[s]}"${weekend ? ' stroke="var(--fg)" stroke-dasharray="2 2"' : ''}/>`
        + `<text x="${coord(x + cell / 2)}" y="${rowY + 14}" font-size="${label.length > 3 ? 8 : 10}" text-anchor="middle" style="fill:${RAMP_TEXT[s]}">${label}</text></g>`);
    }
  }
  const legendY = gridTop + 16 + 12 * rowH + 14;
  parts.push(`<text x="16" y="${legendY}" font-size="10" class="muted">${escapeXml(`Darker = more servers (1 to ${most}); the number is the count; dashed outline = weekend.`)}</text>`);
  if (!capacity.scalesOnLoad) return legendY + 8;
  parts.push(`<text x="16" y="${legendY + 13}" font-size="10" class="muted">Counted at the floor the schedule sets; under load the scaling policy adds servers up to the day's maximum.</text>`);
  return legendY + 21;
}

function drawCostTable(parts: string[], estimate: CostEstimate, top: number, width: number): number {
  const busy = estimate.busiestMonth, quiet = estimate.quietestMonth;
  // Service, what, busiest month, quietest month, year (right-aligned), then a bar for the year.
  const cols = [16, 150, 700, 790, 890];
  parts.push(`<text x="16" y="${top}" font-size="12" font-weight="bold">${escapeXml(`Monthly cost: ${money(estimate.byMonth[busy])} in ${MONTHS[busy]} (busiest), ${money(estimate.byMonth[quiet])} in ${MONTHS[quiet]} (quietest); ${money(estimate.yearTotal)} for the year`)}</text>`);
  let y = top + 20;
  const header = ['Service', 'What', MONTHS[busy], MONTHS[quiet], 'Year'];
  header.forEach((h, i) => parts.push(`<text x="${cols[i]}" y="${y}" font-size="11" font-weight="bold"${i >= 2 ? ' text-anchor="end"' : ''}>${escapeXml(h)}</text>`));
  parts.push(`<line x1="16" x2="${width - 16}" y1="${y + 5}" y2="${y + 5}" class="frame" stroke="var(--line)"/>`);
  const maxYear = Math.max(1, ...estimate.lines.map((l) => sum(l.byMonth)));
  for (const line of estimate.lines) {
    y += 17;
    const year = sum(line.byMonth);
    parts.push(`<text x="${cols[0]}" y="${y}" font-size="11">${escapeXml(line.service)}</text>`);
    parts.push(`<text x="${cols[1]}" y="${y}" font-size="11" class="muted">${escapeXml(truncate(line.what, 78))}<title>${escapeXml(`${line.what} (${line.logicalIds.join(', ') || 'no resource'})`)}</title></text>`);
    parts.push(`<text x="${cols[2]}" y="${y}" font-size="11" text-anchor="end">${money(line.byMonth[busy])}</text>`);
    parts.push(`<text x="${cols[3]}" y="${y}" font-size="11" text-anchor="end">${money(line.byMonth[quiet])}</text>`);
    parts.push(`<text x="${cols[4]}" y="${y}" font-size="11" text-anchor="end">${money(year)}</text>`);
    parts.push(`<rect x="${cols[4] + 8}" y="${y - 10}" width="${coord(Math.max(1, (year / maxYear) * (width - cols[4] - 26)))}" height="12" fill="${RAMP[2]}"/>`);
  }
  y += 8;
  parts.push(`<line x1="16" x2="${width - 16}" y1="${y}" y2="${y}" stroke="var(--line)"/>`);
  y += 15;
  parts.push(`<text x="${cols[0]}" y="${y}" font-size="11" font-weight="bold">Total</text>`);
  parts.push(`<text x="${cols[2]}" y="${y}" font-size="11" font-weight="bold" text-anchor="end">${money(estimate.byMonth[busy])}</text>`);
  parts.push(`<text x="${cols[3]}" y="${y}" font-size="11" font-weight="bold" text-anchor="end">${money(estimate.byMonth[quiet])}</text>`);
  parts.push(`<text x="${cols[4]}" y="${y}" font-size="11" font-weight="bold" text-anchor="end">${money(estimate.yearTotal)}</text>`);
  return y + 16;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
