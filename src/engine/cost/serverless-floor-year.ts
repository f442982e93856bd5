import { readCron, type Cron } from '../common/cron';
import { at } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { renderText } from '../topology/user-data';
import type { TemplateValues } from './template-values';

/** A schedule that sets an Aurora cluster's minimum capacity on given days. */
interface FloorChange { logicalId: string; cron: Cron; minAcu: number }

/**
 * The floor (minimum ACUs) an Aurora Serverless v2 cluster runs at on each day of a year, when
 * EventBridge Scheduler schedules (AWS::Scheduler::Schedule calling rds:modifyDBCluster on the
 * cluster) change it: ACU-hours per instance for each calendar month. A change counts from the
 * day it fires (to the day, not the hour); December of the year before is replayed first, so
 * 1 January starts at the floor the schedules leave. Only yearly crons on fixed days are read;
 * any other expression is left out and named in `ignored`.
 */
export function serverlessFloorYear(model: TemplateModel, values: TemplateValues, clusterId: string, baseMinAcu: number, year: number): { acuHoursByMonth: number[]; changes: string[]; ignored: string[] } {
  const changes: FloorChange[] = [];
  const ignored: string[] = [];
  for (const r of model.resourcesOfType('AWS::Scheduler::Schedule')) {
    if (!values.exists(r)) continue;
    const target = at(r.properties, ['Target']);
    if (!/rds:modifyDBCluster$/i.test(values.text(at(target, ['Arn'])) ?? '')) continue;
    const input = renderText(at(target, ['Input'])) ?? '';
    if (!input.includes(`\${${clusterId}}`)) continue;
    const min = input.match(/"MinCapacity"\s*:\s*([\d.]+)/);
    const cron = eventBridgeCron(values.text(at(r.properties, ['ScheduleExpression'])) ?? '');
    if (!min || !cron) { ignored.push(r.logicalId); continue; }
    changes.push({ logicalId: r.logicalId, cron, minAcu: Number(min[1]) });
  }
  const acuHoursByMonth = new Array<number>(12).fill(0);
  let floor = baseMinAcu;
  for (let t = Date.UTC(year - 1, 11, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    const day = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
    for (const c of changes) if (firesOn(c.cron, day)) floor = c.minAcu;
    if (day.year === year) acuHoursByMonth[day.month - 1] += floor * 24;
  }
  return { acuHoursByMonth, changes: changes.map((c) => c.logicalId), ignored };
}

/** `cron(m h dom month dow year)` with year `*` → the five-field cron; else undefined. */
function eventBridgeCron(expression: string): Cron | undefined {
  const m = expression.trim().match(/^cron\((.+)\)$/);
  const fields = m?.[1].trim().split(/\s+/);
  if (!fields || fields.length !== 6 || fields[5] !== '*') return undefined;
  return readCron(fields.slice(0, 5).map((f) => (f === '?' ? '*' : f)).join(' ')).cron;
}

function firesOn(cron: Cron, day: { year: number; month: number; day: number; weekday: number }): boolean {
  return [...cron.hours].some((hour) => cron.matches({ ...day, hour, minute: cron.minutes[0] }));
}
