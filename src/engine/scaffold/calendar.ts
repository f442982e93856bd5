/**
 * The academic calendar the school year scales by: terms (with their half-terms as gaps) and exam
 * periods as dated windows, in the schedules' time zone. Presets are a starting point the school
 * edits; the dates recur every year until the calendar is updated (the README says to, each summer).
 */
export interface DateWindow {
  /** Letters and digits: it becomes part of logical ids. */
  name: string;
  /** First day, YYYY-MM-DD (local date in scaling.timeZone). */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

export type CalendarPresetId = 'england-wales' | 'us-district' | 'australia-nsw' | 'custom';

export interface AcademicCalendar {
  preset: CalendarPresetId;
  /** Teaching periods; the gaps between them are holidays. Empty: the schedules' crons run all year. */
  terms: DateWindow[];
  /** Exam periods: the exam schedule runs only inside them. */
  exams: DateWindow[];
}

interface Preset { label: string; timeZone: string; terms: DateWindow[]; exams: DateWindow[] }

const w = (name: string, start: string, end: string): DateWindow => ({ name, start, end });

/** Typical dates, to edit: no two schools or districts share a calendar exactly. */
export const CALENDAR_PRESETS: Record<Exclude<CalendarPresetId, 'custom'>, Preset> = {
  'england-wales': {
    label: 'England & Wales (six half-terms, GCSE/A-level exams)', timeZone: 'Europe/London',
    terms: [
      w('Autumn1', '2026-09-02', '2026-10-23'), w('Autumn2', '2026-11-02', '2026-12-18'),
      w('Spring1', '2027-01-05', '2027-02-12'), w('Spring2', '2027-02-22', '2027-03-26'),
      w('Summer1', '2027-04-12', '2027-05-28'), w('Summer2', '2027-06-07', '2027-07-21'),
    ],
    exams: [w('Gcse', '2027-05-10', '2027-06-25')],
  },
  'us-district': {
    label: 'A US school district (semesters, Thanksgiving, winter and spring break, finals)', timeZone: 'America/New_York',
    terms: [
      w('FallA', '2026-08-26', '2026-11-24'), w('FallB', '2026-11-30', '2026-12-18'),
      w('SpringA', '2027-01-04', '2027-03-19'), w('SpringB', '2027-03-29', '2027-06-11'),
    ],
    exams: [w('FallFinals', '2026-12-14', '2026-12-18'), w('SpringFinals', '2027-06-07', '2027-06-11')],
  },
  'australia-nsw': {
    label: 'Australia, NSW public schools (four terms, HSC exams)', timeZone: 'Australia/Sydney',
    terms: [
      w('Term1', '2027-02-02', '2027-04-09'), w('Term2', '2027-04-27', '2027-07-02'),
      w('Term3', '2027-07-20', '2027-09-24'), w('Term4', '2027-10-12', '2027-12-17'),
    ],
    exams: [w('Hsc', '2027-10-14', '2027-11-05')],
  },
};

export function presetCalendar(id: Exclude<CalendarPresetId, 'custom'>): AcademicCalendar {
  const p = CALENDAR_PRESETS[id];
  return { preset: id, terms: structuredClone(p.terms), exams: structuredClone(p.exams) };
}

export interface MonthDays { month: number; fromDay: number; toDay: number }

/**
 * A window as yearly cron pieces: the days of each month it covers. A window that crosses the new
 * year (e.g. 15 Dec to 10 Jan) is split at it. Whole months come out as 1..31.
 */
export function monthPieces(window: DateWindow): MonthDays[] {
  const [sy, sm, sd] = window.start.split('-').map(Number);
  const [ey, em, ed] = window.end.split('-').map(Number);
  const pieces: MonthDays[] = [];
  let y = sy, m = sm;
  while (y < ey || (y === ey && m <= em)) {
    const fromDay = y === sy && m === sm ? sd : 1;
    const toDay = y === ey && m === em ? ed : 31;
    pieces.push({ month: m, fromDay, toDay });
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return pieces;
}

/** The day after a date (YYYY-MM-DD), as month and day. */
export function dayAfter(date: string): { month: number; day: number } {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** undefined when valid, else what is wrong. */
export function windowProblem(window: DateWindow): string | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!/^[A-Za-z][A-Za-z0-9]{0,23}$/.test(window.name ?? '')) return 'a window name: letters and digits, starting with a letter, up to 24 characters';
  for (const d of [window.start, window.end]) {
    if (!iso.test(d ?? '') || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) return `'${d}' is not a date like 2027-01-05`;
  }
  if (window.end < window.start) return `ends (${window.end}) before it starts (${window.start})`;
  if (Date.parse(window.end) - Date.parse(window.start) > 366 * 86_400_000) return 'is longer than a year';
  return undefined;
}
