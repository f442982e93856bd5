import { cronOccurrences, parseCron } from '../../common/cron';

/**
 * Scheduled actions' Recurrence as the replica's AWS stand-ins read it: the engine's one cron
 * reader (common/cron.ts) in the action's TimeZone. A bad expression throws, saying what is wrong.
 */
export { parseCron };
export { localTime, type LocalTime } from '../../common/local-clock';

/** Every instant in [fromMs, toMs) at which the expression fires in `timeZone`, in order. */
export function occurrences(expression: string, timeZone: string, fromMs: number, toMs: number): number[] {
  return cronOccurrences(parseCron(expression), timeZone, fromMs, toMs);
}
