// The scaffolder checks schedules with the engine's one cron reader (common/cron.ts).
export { cronProblem } from '../common/cron';
