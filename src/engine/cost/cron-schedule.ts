import { readCron, type Cron } from '../common/cron';

export type { LocalTime } from '../common/local-clock';
export type CronSchedule = Cron;

/** The cost replay's view of a Recurrence (common/cron.ts): the schedule, or undefined when it is not cron, so the action is left out. */
export function parseCron(expression: string): CronSchedule | undefined {
  return readCron(expression).cron;
}
