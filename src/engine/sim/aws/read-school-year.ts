import * as fs from 'node:fs';
import * as path from 'node:path';
import { windowProblem, type DateWindow } from '../../scaffold/calendar';
import { OPTIONS_FILE } from '../../scaffold/options-file';
import type { SchoolYearSpec } from './aws-behaviour';

/**
 * The academic calendar a template was scaffolded with, from the options file the scaffolder writes
 * at the project's root (next to infra/). The calendar drill replays the school's own terms with it
 * rather than a generic year, so a half-term that the template scales down for is a holiday in the
 * demand too. Returns the reason in `note` when there is a file but no usable calendar in it.
 */
export function readSchoolYear(templateDir: string): { year?: SchoolYearSpec; note?: string } {
  const file = [path.join(templateDir, '..', OPTIONS_FILE), path.join(templateDir, OPTIONS_FILE)].find((f) => fs.existsSync(f));
  if (!file) return {};
  let options: unknown;
  try {
    options = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { note: `${OPTIONS_FILE} is not JSON (${(e as Error).message}): the calendar drill uses a generic school year` };
  }
  const scaling = (options as { scaling?: { timeZone?: unknown; calendar?: { terms?: unknown; exams?: unknown } } })?.scaling;
  const terms = windows(scaling?.calendar?.terms);
  if (!terms?.length || typeof scaling?.timeZone !== 'string') return { note: `${OPTIONS_FILE} has no terms in scaling.calendar: the calendar drill uses a generic school year` };
  return { year: { source: path.resolve(file), timeZone: scaling.timeZone, terms, exams: windows(scaling.calendar?.exams) ?? [] } };
}

/** The windows when every one is valid by the scaffolder's own rule (windowProblem), in date order. */
function windows(value: unknown): DateWindow[] | undefined {
  if (!Array.isArray(value) || value.some((w) => typeof w !== 'object' || w === null || windowProblem(w as DateWindow) !== undefined)) return undefined;
  return [...(value as DateWindow[])].sort((a, b) => a.start.localeCompare(b.start));
}
