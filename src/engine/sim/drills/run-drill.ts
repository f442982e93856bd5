import { delay } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import { checkDocker } from '../docker/docker-client';
import { requireReplica, webNodes } from '../replica/replica-state';
import { waitForSite } from '../replica/wait-site';
import type { SimContext } from '../replica/sim-context';
import type { ActionMarks, DrillDefinition, DrillEnv } from './drill';
import { firewallLetMoodleThrough, loadWasServed, summarize, type DrillEvent, type DrillReport } from './drill-report';
import { LOAD_LIMIT_SECONDS, LoadGenerator } from './load-generator';
import { servingByNode } from '../../topology/draw/live-nodes';
import { REPLICA_LOAD_ACCOUNTS } from '../moodle/moodle-login';
import { killWebDrill } from './kill-web';
import { killCacheDrill } from './kill-cache';
import { restartDbDrill } from './restart-db';
import { scaleInDrill, scaleOutDrill } from './scale-drills';
import { rollingDeployDrill } from './rolling-deploy-drill';
import { upgradeDrill } from './upgrade';
import { rotateDbSecretDrill } from './rotate-db-secret';
import { replaceUnhealthyDrill } from './replace-unhealthy';
import { azOutageDrill } from './az-outage';
import { AwsControlPlane, type AwsFacts } from '../aws/control-plane';
import type { AwsEventSink } from '../aws/target-group';
import { drillNames, type DrillName } from './catalogue';

export { drillNames, type DrillName };

/** A drill that runs against the replica with load; the calendar replay is a model and runs apart (runCalendarDrill). */
export function drillDefinition(name: Exclude<DrillName, 'calendar'>, options: { codeDir?: string } = {}): DrillDefinition {
  switch (name) {
    case 'kill-web': return killWebDrill;
    case 'kill-cache': return killCacheDrill;
    case 'restart-db': return restartDbDrill;
    case 'scale-out': return scaleOutDrill;
    case 'scale-in': return scaleInDrill;
    case 'rolling-deploy': return rollingDeployDrill({ codeDir: options.codeDir });
    case 'rolling-deploy-broken': return rollingDeployDrill({ broken: true });
    case 'upgrade': return upgradeDrill({ codeDir: options.codeDir });
    case 'rotate-db-secret': return rotateDbSecretDrill;
    case 'replace-unhealthy': return replaceUnhealthyDrill;
    case 'az-outage': return azOutageDrill;
  }
}

export const MOODLE_LOAD_NOTE = `Real Moodle: each virtual user logs in with an account of its own (${REPLICA_LOAD_ACCOUNTS[0].username}, …, made with the install) through the login form, views its profile and uploads to its private files through the draft area (user/files.php, repository_ajax.php, the form's save), reading them back through pluginfile.php; after the load every acknowledged file must read back byte for byte.`;

export interface DrillOptions {
  seconds?: number;
  users?: number;
  definition?: DrillDefinition;
  /** The release the upgrade and rolling-deploy drills deploy (required for upgrade with real Moodle). */
  codeDir?: string;
  /** How much faster AWS time runs than the drill (health-check intervals, grace periods, delays); default 10. */
  awsTimeFactor?: number;
  /** Once a second while the load runs: the requests each node answered in the last second (for the live picture). */
  onServing?: (servingByNode: Record<string, number>, drillSeconds: number) => void;
}

/** Load for `seconds`, the drill's action mid-way, then the report. Cancelling stops both cleanly. */
export async function runDrill(ctx: SimContext, project: string, name: DrillName, options: DrillOptions = {}): Promise<DrillReport> {
  if (name === 'calendar' && !options.definition) {
    const { runCalendarDrill } = await import('./calendar');
    return runCalendarDrill(ctx, project, options);
  }
  await checkDocker(ctx.docker);
  const definition = options.definition ?? drillDefinition(name as Exclude<DrillName, 'calendar'>, { codeDir: options.codeDir });
  const state = await requireReplica(ctx.docker, project);
  if (webNodes(state).filter((n) => n.state === 'running').length === 0) throw new MhaError('sim.notRunning', 'No web node is running.', { nextStep: "Start one with 'moodle-ha sim start web-1' or 'moodle-ha sim scale 2'." });
  await waitForSite(state.siteUrl, 30_000, ctx.signal);
  const seconds = Math.min(Math.max(options.seconds ?? definition.defaultSeconds, 15), 300);
  const users = Math.min(Math.max(options.users ?? 4, 1), 20);
  const startedAt = new Date();
  const moodle = state.plan.app.kind === 'moodle';
  // The AWS stand-ins run for drills that need them, and for every drill on a replica planned from a
  // template. They start before the load's clock: with real Moodle the first revision's snapshot
  // takes tens of seconds, and a clock started earlier ran the whole load out before one request.
  const early: Array<[string, string | undefined, string | undefined]> = [];
  let awsSink: AwsEventSink = (kind, node, detail) => early.push([kind, node, detail]);
  const plane = definition.usesAws || state.plan.aws
    ? await AwsControlPlane.start(ctx, state, { factor: options.awsTimeFactor, emit: (kind, node, detail) => awsSink(kind, node, detail) })
    : undefined;
  // An open-ended load ends when the action does (below); until then its end is the limit.
  const open = definition.loadUntilActionDone === true;
  const load = new LoadGenerator({ siteUrl: state.siteUrl, users, seconds: open ? LOAD_LIMIT_SECONDS : seconds, signal: ctx.signal, moodle: moodle ? { accounts: REPLICA_LOAD_ACCOUNTS } : undefined, pageHoldSeconds: definition.probePageHoldSeconds });
  const events: DrillEvent[] = [];
  const now = () => load.now() / 1000;
  const env: DrillEnv = {
    ctx, docker: ctx.docker, state, signal: ctx.signal, now, seconds,
    wallClock: (t) => load.startedAtMs + t * 1000,
    at: async (t) => { const wait = t * 1000 - load.now(); if (wait > 0) await delay(wait, ctx.signal); },
    event: (kind, node, detail, at) => { events.push({ t: Math.round((at ?? now()) * 100) / 100, kind, node, detail }); events.sort((x, y) => x.t - y.t); ctx.progress?.({ message: `${now().toFixed(1)} s: ${kind}${node ? ` ${node}` : ''}${detail ? ` (${detail})` : ''}` }); },
    lastNode: () => load.lastNode,
    aws: plane,
  };
  // What happened while the stand-ins started is in place when the load begins.
  for (const [kind, node, detail] of early) env.event(kind, node, detail, 0);
  awsSink = (kind, node, detail) => env.event(kind, node, detail);
  // The caller's title names the drill (VS Code: "Drill kill-web"); the message does not repeat it.
  ctx.progress?.({ message: `${users} users for ${open ? `at least ${seconds} s, until the action is over,` : `${seconds} s`} against ${state.siteUrl}` });
  const loadDone = load.run();
  const servingTimer = options.onServing ? setInterval(() => options.onServing!(servingByNode(load.records, load.now()), load.now() / 1000), 1000) : undefined;
  // Both ways, so a failed load is not also an unhandled rejection here (it is awaited below).
  void loadDone.then(() => clearInterval(servingTimer), () => clearInterval(servingTimer));
  let marks: ActionMarks = {};
  let actionError: unknown;
  let aws: AwsFacts | undefined;
  try {
    marks = await definition.act(env);
    if (open) {
      if (load.now() >= LOAD_LIMIT_SECONDS * 1000) marks.notes = [...(marks.notes ?? []), `The action outlasted the load's limit of ${LOAD_LIMIT_SECONDS} s: what it did after that had no users.`];
      load.endAt(Math.max(seconds * 1000, load.now()));
    }
  } catch (error) {
    actionError = error;
    load.stop();
  }
  const window = load.windowSeconds();
  const result = await loadDone;
  if (env.aws) {
    const end = await requireReplica(ctx.docker, project).catch(() => undefined);
    aws = env.aws.facts(end ? webNodes(end).filter((n) => n.state === 'running').map((n) => n.name) : []);
    await env.aws.stop();
  }
  if (actionError) throw actionError;
  const { summary, series } = summarize({
    records: result.records, sessionLosses: result.sessionLosses, uploads: result.uploads.length, uploadsLost: result.uploadsLost,
    disruptAt: marks.disruptAt, restoreAt: marks.restoreAt, targetNode: marks.targetNode, detectedAt: marks.detectedAt, detectedByHealthCheck: marks.detectedByHealthCheck,
  });
  // What users saw, as an event: the first answer from the node whose return counts.
  if (marks.targetNode && typeof summary.recoveredAt === 'number') {
    events.push({ t: summary.recoveredAt, kind: 'serving', node: marks.targetNode, detail: 'first user request it answered after the repair' });
    events.sort((x, y) => x.t - y.t);
  }
  const after = await requireReplica(ctx.docker, project);
  const firewall = state.plan.aws?.firewall;
  const expectations = [loadWasServed(summary), ...(firewall ? [firewallLetMoodleThrough(summary, firewall)] : []), ...definition.expect(summary, after, events, users, { series: series.filter((b) => b.t < window), aws })];
  return {
    drill: definition.name,
    project,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round(now() * 10) / 10,
    users,
    topology: {
      webNodes: webNodes(state).length,
      cache: state.plan.cache.kind + (state.plan.cache.replica ? ' + replica' : ''),
      database: state.plan.database.family === 'postgres' ? 'PostgreSQL' : 'MariaDB',
      sticky: state.plan.lb.sticky,
      app: state.plan.app.kind,
    },
    summary,
    series,
    events,
    verdict: { passed: expectations.every((e) => e.ok), expectations },
    notes: [...(moodle ? [MOODLE_LOAD_NOTE] : []), ...(marks.notes ?? [])],
    ...(aws ? { aws } : {}),
  };
}
