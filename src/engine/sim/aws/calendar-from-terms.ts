import type { SchoolYearSpec } from './aws-behaviour';
import type { SchoolCalendar } from './calendar-replay';

const DAY = 86_400_000;
const toMs = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The replay's year from a school's own terms: it starts on the first day of the first term and
 * lasts a year; the gaps between terms (half-terms, Christmas, Easter) and the time after the last
 * term are holidays; exams are the exam windows; the deadlines are the Fridays of term.
 */
export function calendarFromTerms(year: SchoolYearSpec): SchoolCalendar {
  const terms = [...year.terms].sort((a, b) => a.start.localeCompare(b.start));
  const start = terms[0].start;
  const end = toDate(Date.UTC(Number(start.slice(0, 4)) + 1, Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10))) - DAY);
  const holidays: SchoolCalendar['holidays'] = [];
  terms.forEach((term, i) => {
    const from = toDate(toMs(term.end) + DAY);
    const to = i + 1 < terms.length ? toDate(toMs(terms[i + 1].start) - DAY) : end;
    if (from <= to) holidays.push({ from, to, name: `holiday after ${term.name}` });
  });
  const deadlines: string[] = [];
  for (const term of terms) {
    for (let d = toMs(term.start); d <= toMs(term.end); d += DAY) if (new Date(d).getUTCDay() === 5) deadlines.push(toDate(d));
  }
  return { timeZone: year.timeZone, start, end, holidays, exams: year.exams.map((e) => ({ from: e.start, to: e.end })), deadlines };
}
