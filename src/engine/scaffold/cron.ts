/**
 * The Unix cron that Auto Scaling scheduled actions accept: five fields
 * (minute hour day-of-month month day-of-week), with lists, ranges, steps and names.
 */
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** undefined when valid, else what is wrong, in words. */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `A schedule needs 5 cron fields (minute hour day month weekday), not ${parts.length}.`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `The ${FIELDS[i].name} field '${parts[i]}' ${problem}.`;
  }
  return undefined;
}

function fieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) return 'has a bad step';
    if (step !== undefined && Number(step) === 0) return 'has a step of 0';
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return 'has a bad range';
    const values = bounds.map((b) => valueOf(b, spec));
    if (values.some((v) => v === undefined)) return `must use ${spec.min}-${spec.max}${spec.names ? ' or names' : ''}, '*', ',', '-' and '/'`;
    if (values.length === 2 && (values[0] as number) > (values[1] as number)) return 'has a range that runs backwards';
  }
  return undefined;
}

function valueOf(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return spec.name === 'month' ? index + 1 : index;
}
