import { monthPieces, type AcademicCalendar } from '../scaffold/calendar';
import { renderTemplateJson } from '../scaffold/cfn/render-template';
import type { ScaffoldOptions } from '../scaffold/options';
import { validateOptions, type OptionProblem } from '../scaffold/validate-options';
import { TemplateModel } from '../template/template-model';
import { estimateCost } from './estimate-cost';
import { PRICE_SNAPSHOT, pricesFor, type PriceSnapshot } from './price-snapshot';

export interface WizardCostEstimate {
  region: string;
  year: number;
  /** USD a month: the mean of the term months, and of the others (undefined when there are none). */
  termMonthly?: number;
  holidayMonthly?: number;
  /** Months (0 = January): term when most of its weekdays fall inside a term window. */
  termMonths: number[];
  holidayMonths: number[];
  byMonth: number[];
  yearTotal: number;
  prices: { source: string; date: string };
  assumptions: string[];
  notPriced: { logicalId: string; why: string }[];
  /** Aurora Serverless v2 with a holiday floor: what its line costs less a month in the holidays than in term (floor against floor). */
  databaseHolidaySaving?: number;
  /** How long this call took: render, parse, replay and price. */
  elapsedMs: number;
}

export type WizardCostResult = { ok: true; estimate: WizardCostEstimate } | { ok: false; problems: OptionProblem[] };

/**
 * What the answers would cost a month, in term time and in the holidays: the template the
 * scaffolder would write, priced by the same estimate as `moodle-ha cost`. Pure; answers that
 * cannot be scaffolded yet come back as the problems the wizard shows, never as a throw.
 */
export function estimateWizardCost(options: ScaffoldOptions, settings: { year?: number; snapshot?: PriceSnapshot } = {}): WizardCostResult {
  const started = performance.now();
  const problems = validateOptions(options);
  if (problems.length) return { ok: false, problems };
  const snapshot = settings.snapshot ?? PRICE_SNAPSHOT;
  if (!pricesFor(options.region, snapshot)) {
    return { ok: false, problems: [{ field: 'region', message: `No prices for ${options.region} yet: the estimate covers ${Object.keys(snapshot.regions).join(', ')}. The template itself works in any region.` }] };
  }
  const year = settings.year ?? calendarYear(options.scaling.calendar);
  // Long-form JSON: the same template as the YAML file, and quicker to parse.
  const model = TemplateModel.parse('wizard:moodle-ha.json', renderTemplateJson(options));
  const estimate = estimateCost(model, { region: options.region, year, snapshot });
  const termMonths = termMonthsOf(options.scaling.calendar, year);
  const holidayMonths = estimate.byMonth.map((_, m) => m).filter((m) => !termMonths.includes(m));
  const meanOf = (byMonth: number[], months: number[]) => (months.length ? months.reduce((sum, m) => sum + byMonth[m], 0) / months.length : undefined);
  const mean = (months: number[]) => meanOf(estimate.byMonth, months);
  const serverless = estimate.lines.find((l) => l.service === 'Database' && l.what.startsWith('Aurora Serverless v2'));
  const dbTerm = serverless && meanOf(serverless.byMonth, termMonths);
  const dbHoliday = serverless && meanOf(serverless.byMonth, holidayMonths);
  return {
    ok: true,
    estimate: {
      region: options.region, year,
      termMonthly: mean(termMonths), holidayMonthly: mean(holidayMonths),
      termMonths, holidayMonths,
      byMonth: estimate.byMonth, yearTotal: estimate.yearTotal,
      prices: estimate.prices,
      ...(dbTerm !== undefined && dbHoliday !== undefined && dbTerm > dbHoliday ? { databaseHolidaySaving: dbTerm - dbHoliday } : {}),
      assumptions: [...estimate.assumptions, 'a term month: most of its weekdays fall in a term of the calendar'],
      notPriced: estimate.notPriced,
      elapsedMs: performance.now() - started,
    },
  };
}

/** The year the calendar's school year ends in (its last term), else this year. */
function calendarYear(calendar: AcademicCalendar): number {
  const ends = calendar.terms.map((t) => Number(t.end.slice(0, 4))).filter(Number.isFinite);
  return ends.length ? Math.max(...ends) : new Date().getUTCFullYear();
}

/**
 * Months whose weekdays are mostly inside a term. The windows recur every year (the schedules are
 * yearly month/day crons), so only their months and days count. No terms: every month is term.
 */
function termMonthsOf(calendar: AcademicCalendar, year: number): number[] {
  if (!calendar.terms.length) return Array.from({ length: 12 }, (_, m) => m);
  const pieces = calendar.terms.flatMap(monthPieces);
  const months: number[] = [];
  for (let m = 0; m < 12; m++) {
    let weekdays = 0, inTerm = 0;
    for (let d = 1; d <= new Date(Date.UTC(year, m + 1, 0)).getUTCDate(); d++) {
      const dow = new Date(Date.UTC(year, m, d)).getUTCDay();
      if (dow === 0 || dow === 6) continue;
      weekdays++;
      if (pieces.some((p) => p.month === m + 1 && d >= p.fromDay && d <= p.toDay)) inTerm++;
    }
    if (inTerm * 2 > weekdays) months.push(m);
  }
  return months;
}
