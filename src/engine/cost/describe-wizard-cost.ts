import type { WizardCostResult } from './wizard-estimate';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const money = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;

/** Months as short names, consecutive ones joined as a range: [8..11, 0..5] → "Sep–Jun". */
export function monthSpans(months: number[]): string {
  const set = new Set(months);
  if (set.size === 12) return 'all year';
  // Start each span where the month before is not in the set, so Sep–Jun wraps over the new year.
  const spans: string[] = [];
  for (let m = 0; m < 12; m++) {
    if (!set.has(m) || set.has((m + 11) % 12)) continue;
    let end = m;
    while (set.has((end + 1) % 12)) end = (end + 1) % 12;
    spans.push(end === m ? MONTHS[m] : `${MONTHS[m]}–${MONTHS[end]}`);
  }
  return spans.join(', ');
}

/**
 * The summary page's cost lines: term month against holiday month, then where the prices come
 * from and how old they are (a rough figure must say that it is one). Answers that cannot be
 * priced say why instead of showing a number.
 */
export function describeWizardCost(result: WizardCostResult): string[] {
  if (!result.ok) return [`Not estimated (${result.problems[0]?.message ?? 'the answers are incomplete'})`];
  const e = result.estimate;
  // Short rows, one figure each: a quick pick cuts a long row off.
  const rows: string[] = [];
  if (e.termMonthly !== undefined) rows.push(`Term month: about ${money(e.termMonthly)} (${monthSpans(e.termMonths)})`);
  if (e.holidayMonthly !== undefined) rows.push(`Holiday month: about ${money(e.holidayMonthly)} (${monthSpans(e.holidayMonths)})`);
  if (e.databaseHolidaySaving !== undefined) rows.push(`Database holiday floor: about ${money(e.databaseHolidaySaving)} a month less`);
  return [
    ...rows,
    `Year ${e.year}: about ${money(e.yearTotal)} in ${e.region}`,
    // The source's own caveat (in brackets) is long for one row; the separator above says it is not a quote.
    `Prices: ${e.prices.source.replace(/\s*\(.*\)$/, '')}, dated ${e.prices.date}`,
  ];
}
