import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import type { CliCommand, CliContext } from '../cli-command';
import { ExitCode } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { integerOption } from '../parse-number';
import { createDockerClient, checkDocker } from '../../engine/sim/docker/docker-client';
import { locateSimAssets } from '../../engine/sim/sim-assets';
import { planReplica } from '../../engine/sim/plan/plan-replica';
import { DEFAULT_PROJECT, DEFAULT_LB_PORT } from '../../engine/sim/plan/replica-plan';
import { emptyTopology, readTemplateForReplica } from '../../engine/sim/plan/topology-source';
import { inspectMoodleDir } from '../../engine/sim/moodle/detect-moodle';
import { upReplica } from '../../engine/sim/replica/up';
import { sweepProject } from '../../engine/sim/replica/down';
import { removeSeeds } from '../../engine/sim/replica/seed';
import { requireReplica } from '../../engine/sim/replica/replica-state';
import { formatStatus } from '../../engine/sim/replica/status';
import { nodeAction, nodeLogs, type NodeAction } from '../../engine/sim/replica/node-ops';
import { scaleReplica } from '../../engine/sim/replica/scale';
import { runDrill } from '../../engine/sim/drills/run-drill';
import { drillNames, drillNamesText, isDrillName } from '../../engine/sim/drills/catalogue';
import { formatReportText, formatSideBySide } from '../../engine/sim/drills/format-report';
import { writeCompareReport, writeDrillReport } from '../../engine/sim/drills/write-report';
import { rollingDeploy } from '../../engine/sim/deploy/rolling-deploy';
import type { SimContext } from '../../engine/sim/replica/sim-context';

const usage = `Usage: moodle-ha sim <subcommand> [options]

Runs the HA topology on this machine in Docker (nginx → N web nodes → MariaDB/PostgreSQL +
memcached/Redis, shared moodledata volume) and breaks it on purpose.

Subcommands:
  plan [same options as up]  what up would run (JSON), without Docker
  up [--template FILE] [--moodle DIR] [--nodes N] [--port P] [--sticky] [--cache memcached|redis|redis-replica] [--lock-sweep on|off]
                         build what is missing, start, print the site URL (127.0.0.1 only)
  down [--keep-data] [--seeds]  remove every container, network (and volume) labelled with the project;
                         --seeds also removes the kept Moodle installs that make 'up --moodle' warm
  status                 nodes with role, state, health, address, image
  logs <node> [--lines N]
  kill|stop|start <node> SIGKILL (a crash), graceful stop, start and wait until healthy
  scale <n>              desired web nodes (the LB follows)
  drill <name> [--format text|json] [--seconds S] [--users U] [--compare PROJECT] [--out DIR]
                         load + an action mid-way, then a report. Names:
${drillNamesText(64, '                           ')}
                         --compare runs it on a second replica too and prints both side by side
                         (with --out, one chart with both); --out writes the report as JSON, text
                         and an HTML page with the chart; --aws-speed N runs AWS time (health
                         checks, grace periods, delays) N times faster than the drill (default 10);
                         --code DIR: the newer release that upgrade and rolling-deploy deploy
                         (with --moodle, e.g. a copy of your Moodle with a bumped version.php)
  deploy <dir>           rolling deploy of a code folder, one node at a time, with the hook scripts

Common options: --project NAME (default ${DEFAULT_PROJECT}), --verbose`;

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'Local HA replica in Docker, with failover drills',
  usage,
  async run(args, context) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs('sim', rest, {
      project: { type: 'string', default: DEFAULT_PROJECT },
      template: { type: 'string' },
      moodle: { type: 'string' },
      nodes: { type: 'string' },
      port: { type: 'string' },
      sticky: { type: 'boolean', default: false },
      cache: { type: 'string' },
      'lock-sweep': { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      seeds: { type: 'boolean', default: false },
      lines: { type: 'string', default: '200' },
      format: { type: 'string', default: 'text' },
      seconds: { type: 'string' },
      users: { type: 'string' },
      compare: { type: 'string' },
      out: { type: 'string' },
      'aws-speed': { type: 'string' },
      code: { type: 'string' },
    });
    const project = values.project as string;
    const docker = createDockerClient();
    const ctx: SimContext = {
      docker, simDir: locateSimAssets(), logger: context.logger, signal: context.signal,
      progress: (p) => context.err(`${p.message}\n`),
    };
    const need = (i: number, what: string) => {
      const v = positionals[i];
      if (!v) throw new MhaError('usage', `Missing ${what}.`, { nextStep: `Run 'moodle-ha sim --help'.` });
      return v;
    };
    switch (sub) {
      case 'up': return up(ctx, context, values as Record<string, unknown>, project);
      case 'plan': {
        // What `up` would run, without Docker.
        const plan = await planFromValues(context, values as Record<string, unknown>, project);
        context.out(JSON.stringify(plan, null, 2) + '\n');
        return ExitCode.ok;
      }
      case 'down': {
        await checkDocker(docker);
        const r = await sweepProject(docker, project, { keepData: values['keep-data'] as boolean });
        context.out(`Removed ${r.containers} container(s), ${r.networks} network(s), ${r.volumes} volume(s)${values['keep-data'] ? ' (volumes kept)' : ''}.\n`);
        if (values.seeds) context.out(`Removed ${await removeSeeds(docker)} seed volume(s) of earlier Moodle installs.\n`);
        return ExitCode.ok;
      }
      case 'status': {
        await checkDocker(docker);
        context.out(formatStatus(await requireReplica(docker, project)));
        return ExitCode.ok;
      }
      case 'logs': context.out(await nodeLogs(docker, project, need(0, 'node name'), Number(values.lines))); return ExitCode.ok;
      case 'kill': case 'stop': case 'start': {
        const r = await nodeAction(docker, project, need(0, 'node name'), sub as NodeAction, context.signal);
        context.out(`${sub} ${r.node.name}: done${r.healthyAfterMs !== undefined ? ` (healthy after ${(r.healthyAfterMs / 1000).toFixed(1)} s)` : ''}\n`);
        return ExitCode.ok;
      }
      case 'scale': {
        const n = Number(need(0, 'number of web nodes'));
        const state = await scaleReplica(ctx, project, n);
        context.out(formatStatus(state));
        return ExitCode.ok;
      }
      case 'drill': {
        const name = need(0, 'drill name');
        if (!isDrillName(name)) throw new MhaError('usage', `Unknown drill '${name}'.`, { nextStep: `Drills: ${drillNames.join(', ')}.` });
        const speed = values['aws-speed'] !== undefined ? Number(values['aws-speed']) : undefined;
        if (speed !== undefined && !(speed >= 1 && speed <= 100)) throw new MhaError('usage', `--aws-speed must be a number from 1 to 100 (got '${values['aws-speed']}').`, { nextStep: 'AWS time runs that many times faster than the drill; 10 is the default.' });
        const codeDir = values.code ? path.resolve(context.cwd, values.code as string) : undefined;
        const options = { seconds: values.seconds ? Number(values.seconds) : undefined, users: values.users ? Number(values.users) : undefined, awsTimeFactor: speed, codeDir };
        const report = await runDrill(ctx, project, name, options);
        if (values.compare) {
          // The same drill on a second replica (e.g. one memcached vs Redis + replica), side by side and in one chart.
          const other = await runDrill(ctx, values.compare as string, name, { ...options, seconds: report.durationSeconds, users: report.users });
          context.out(values.format === 'json' ? JSON.stringify([report, other], null, 2) + '\n' : `${formatReportText(report)}\n${formatReportText(other)}\n${formatSideBySide(report, other)}`);
          if (values.out) {
            const written = await writeCompareReport([report, other], path.resolve(context.cwd, values.out as string));
            context.err(`reports: ${written.json}\nchart:   ${written.html}\n`);
          }
          return report.verdict.passed && other.verdict.passed ? ExitCode.ok : ExitCode.findings;
        }
        context.out(values.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatReportText(report));
        if (values.out) {
          const written = await writeDrillReport(report, path.resolve(context.cwd, values.out as string));
          context.err(`report: ${written.json}\n        ${written.text}\nchart:  ${written.html}\n`);
        }
        return report.verdict.passed ? ExitCode.ok : ExitCode.findings;
      }
      case 'deploy': {
        const dir = path.resolve(context.cwd, need(0, 'code folder'));
        const result = await rollingDeploy(ctx, project, dir);
        for (const step of result.steps) context.out(`${step.node}: ${step.outcome}${step.detail ? ` (${step.detail})` : ''}\n`);
        context.out(result.rolledBack ? 'Rolled back: every node runs the previous version.\n' : `Deployed ${result.version} to ${result.steps.length} node(s).\n`);
        return result.rolledBack ? ExitCode.findings : ExitCode.ok;
      }
      default:
        throw new MhaError('usage', sub ? `Unknown sim subcommand '${sub}'.` : 'No sim subcommand given.', { nextStep: "Run 'moodle-ha sim --help'." });
    }
  },
};

async function up(ctx: SimContext, context: CliContext, values: Record<string, unknown>, project: string): Promise<number> {
  const plan = await planFromValues(context, values, project);
  for (const note of plan.notes) context.err(`plan: ${note}\n`);
  const result = await upReplica(ctx, plan);
  if (result.portMoved) context.err(`Port ${result.portMoved.requested} is in use on 127.0.0.1: using ${result.portMoved.used}.\n`);
  if (result.builtImages.length) context.err(`Built images: ${result.builtImages.join(', ')}\n`);
  context.err(`Ready in ${result.seconds.total.toFixed(1)} s (images ${result.seconds.images.toFixed(1)} s, start ${result.seconds.start.toFixed(1)} s).\n`);
  context.out(`${result.state.siteUrl}\n`);
  return ExitCode.ok;
}

async function planFromValues(context: CliContext, values: Record<string, unknown>, project: string) {
  const templatePath = values.template ? path.resolve(context.cwd, values.template as string) : undefined;
  const read = templatePath ? await readTemplateForReplica(templatePath) : undefined;
  const topology = read?.topology ?? emptyTopology();
  const moodle = values.moodle ? await inspectMoodleDir(path.resolve(context.cwd, values.moodle as string)) : undefined;
  const cache = values.cache as string | undefined;
  if (cache && !['memcached', 'redis', 'redis-replica'].includes(cache)) throw new MhaError('usage', `Unknown --cache '${cache}'.`, { nextStep: 'Use memcached, redis or redis-replica.' });
  const lockSweep = values['lock-sweep'] as string | undefined;
  if (lockSweep !== undefined && !['on', 'off'].includes(lockSweep)) throw new MhaError('usage', `Unknown --lock-sweep '${lockSweep}'.`, { nextStep: 'Use --lock-sweep on or --lock-sweep off (Redis with a replica only).' });
  return planReplica(topology, {
    project,
    nodes: values.nodes !== undefined ? Number(values.nodes) : undefined,
    // Checked here, before any image is built: an unusable port must not wait for the build.
    lbPort: values.port !== undefined ? integerOption('port', values.port as string, 1, 65535) : DEFAULT_LB_PORT,
    sticky: values.sticky as boolean,
    moodle: moodle ? { dir: moodle.dir, publicDir: moodle.publicDir } : undefined,
    cache: cache ? { kind: cache === 'memcached' ? 'memcached' : 'redis', replica: cache === 'redis-replica' } : undefined,
    lockSweep: lockSweep === undefined ? undefined : lockSweep === 'on',
    aws: read?.aws,
    template: templatePath,
  });
}
