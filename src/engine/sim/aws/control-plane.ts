import * as fs from 'node:fs';
import type { ReplicaState } from '../replica/replica-state';
import { webNodes } from '../replica/replica-state';
import type { SimContext } from '../replica/sim-context';
import { applyLbConfig, lbNodesOf } from '../replica/lb-config';
import { readCodeVersion } from '../deploy/hook-scripts';
import { ALB_HEALTH_DEFAULTS, type AwsBehaviour } from './aws-behaviour';
import { ScaledClock } from './clock';
import { TargetGroup, type AwsEventSink } from './target-group';
import { AutoScalingGroup, type AutoScalingPorts } from './auto-scaling';
import { DeploymentGroup, type DeploymentOutcome, type Revision } from './deployment-group';
import { SecretStandIn } from './secrets-manager';
import { replicaDatabaseUsers } from './database-users';
import { checkNode, installRevision, launchWebNode, lbRouter, nextWebIndex, nodeRunning, snapshotRevision, terminateNode, zoneOfIndex } from './docker-ports';

/** What the stand-ins did during a drill, for the report. */
export interface AwsFacts {
  timeFactor: number;
  healthCheck: string;
  autoScaling: string;
  deploymentGroup: string;
  dbCredentials: string;
  unhealthyMarks: number;
  replaced: number;
  launched: string[];
  abandoned: number;
  downgradesRefused: number;
  deployments: Array<{ kind: string; revision: string; version: string; status: string; detail?: string }>;
  secretRotations: number;
  nodesAtStart: string[];
  nodesAtEnd: string[];
}

/** AWS's defaults when the replica has no template: the strict reading of "nothing configured". */
export function defaultAwsBehaviour(state: ReplicaState): AwsBehaviour {
  const n = webNodes(state).length;
  return {
    template: '(none)',
    healthCheck: { ...ALB_HEALTH_DEFAULTS },
    autoScaling: { min: state.plan.web.min, max: Math.max(state.plan.web.max, n), desired: n, healthCheckType: 'EC2', gracePeriodSeconds: 0, zones: ['a', 'b'] },
    deploymentGroup: { config: 'OneAtATime', type: 'IN_PLACE', withTrafficControl: false, autoRollback: { enabled: false, events: [] } },
    db: { source: 'unknown', rotation: 'none', evidence: 'no template: the nodes are taken to read a secret that rotates' },
    schedules: [],
    notes: ['no template: AWS defaults (health check / every 30 s, 5 healthy / 2 unhealthy; EC2 health; no traffic control, no rollback)'],
  };
}

/**
 * The AWS control plane for the length of a drill: the target group checks the nodes and steers
 * the LB, the Auto Scaling group replaces and launches nodes, the deployment group deploys, the
 * secret can rotate. AWS time runs `factor` times faster than the drill (a 15 s interval is 1.5 s).
 */
export class AwsControlPlane {
  readonly clock: ScaledClock;
  readonly behaviour: AwsBehaviour;
  readonly targetGroup: TargetGroup;
  readonly asg: AutoScalingGroup;
  readonly deployments: DeploymentGroup;
  readonly secret: SecretStandIn;
  downgradesRefused = 0;
  unhealthyMarks = 0;
  private readonly controller = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly tempDirs: string[] = [];
  private readonly nodesAtStart: string[];

  private constructor(private readonly ctx: SimContext, private readonly state: ReplicaState, factor: number, private readonly emit: AwsEventSink) {
    this.clock = new ScaledClock(factor);
    this.behaviour = state.plan.aws ?? defaultAwsBehaviour(state);
    const b = this.behaviour;
    const docker = ctx.docker;
    const countingEmit: AwsEventSink = (kind, node, detail) => { if (kind === 'tg-unhealthy') this.unhealthyMarks++; emit(kind, node, detail); };
    this.targetGroup = new TargetGroup(b.healthCheck, { check: (t, spec, timeout) => checkNode(t.ip, spec, timeout), route: lbRouter(docker, state) }, this.clock, countingEmit);
    const used = new Set(webNodes(state).map((n) => Number(n.name.replace('web-', ''))));
    const ports: AutoScalingPorts = {
      running: (id) => nodeRunning(docker, state.project, id),
      launch: async (zone) => {
        const index = nextWebIndex(used, b.autoScaling.zones, zone);
        used.add(index);
        return launchWebNode(ctx, state, index);
      },
      launchHook: (id) => this.deployments.launchDeployment(id),
      terminate: (id) => terminateNode(docker, state.project, id),
    };
    this.asg = new AutoScalingGroup(b.autoScaling, ports, this.targetGroup, this.clock, countingEmit);
    this.deployments = new DeploymentGroup(b.deploymentGroup, {
      install: async (id, revision) => {
        const r = await installRevision(ctx, state, id, revision, this.secret.current().password);
        if (r.downgrade) { this.downgradesRefused++; emit('downgrade-refused', id, `revision ${revision.id} (version ${revision.version}) is older than the database`); }
        return r;
      },
    }, this.asg, ports, this.targetGroup, this.clock, countingEmit, this.controller.signal);
    // Cancelling the drill stops the control plane's loops and any deployment between batches.
    ctx.signal?.addEventListener('abort', () => this.controller.abort(), { once: true });
    // The secret the nodes' config.php is rendered from: Moodle's own user (the replica's 'moodle'),
    // or with the template's master secret, the same user standing for the master.
    this.secret = new SecretStandIn(b.db.source === 'own' ? 'moodle-db-user' : 'rds-master', { username: 'moodle', password: state.dbPassword }, replicaDatabaseUsers(docker, state));
    this.nodesAtStart = webNodes(state).filter((n) => n.state === 'running').map((n) => n.name);
  }

  static async start(ctx: SimContext, state: ReplicaState, options: { factor?: number; emit?: AwsEventSink } = {}): Promise<AwsControlPlane> {
    const plane = new AwsControlPlane(ctx, state, options.factor ?? 10, options.emit ?? (() => undefined));
    const running = webNodes(state).filter((n) => n.state === 'running');
    const zones = plane.behaviour.autoScaling.zones;
    for (const n of running) {
      plane.asg.adopt(n.name, n.ip, zoneOfIndex(Number(n.name.replace('web-', '')), zones));
      await plane.targetGroup.register(n.name, n.ip, { healthy: true });
    }
    plane.asg.setCapacity({ max: Math.max(plane.asg.max, running.length), min: Math.min(plane.asg.min, running.length), desired: running.length });
    if (running[0]) {
      const dir = await snapshotRevision(ctx.docker, state.project, running[0].name);
      plane.tempDirs.push(dir);
      plane.deployments.lastSuccessful = { id: 'r1', version: readCodeVersion(dir), codeDir: dir };
    }
    const signal = plane.controller.signal;
    plane.loops = [plane.targetGroup.run(signal), plane.asg.run(signal, 10_000)];
    return plane;
  }

  /** Which secret a rotation changes: what the nodes use, or (own user without rotation) the master. */
  async rotateSecret(): Promise<{ rotated: string; nodesAffected: boolean; username: string }> {
    const db = this.behaviour.db;
    if (db.source === 'own' && db.rotation === 'none') {
      // RDS rotates the master secret; Moodle's own secret has no rotation, so its password stays.
      const master = new SecretStandIn('rds-master', { username: 'moodleadmin', password: this.state.dbPassword }, replicaDatabaseUsers(this.ctx.docker, this.state));
      const r = await master.rotate();
      return { rotated: 'the RDS-managed master secret', nodesAffected: false, username: r.username };
    }
    const r = await this.secret.rotate();
    return { rotated: db.source === 'own' ? "Moodle's own database secret (it has a rotation schedule)" : 'the RDS-managed master secret, which the nodes use', nodesAffected: true, username: r.username };
  }

  /** Deploys a code folder through the deployment group. */
  deploy(codeDir: string, id: string): Promise<DeploymentOutcome> {
    const revision: Revision = { id, version: readCodeVersion(codeDir), codeDir };
    return this.deployments.deploy(revision);
  }

  /** Stops the loops, waits for launches under way, and leaves the replica serving with every web node in the LB and the original database password. */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.loops).catch(() => undefined);
    await this.asg.settle();
    if (this.secret.rotations) {
      await this.secret.restoreOriginal().catch(() => undefined);
      // Nodes launched during the drill rendered config.php with the rotated password: render it again.
      const revision = this.deployments.lastSuccessful;
      for (const id of this.asg.launched) {
        if (revision && this.asg.instances.get(id)?.state === 'InService') await installRevision(this.ctx, this.state, id, revision, this.state.dbPassword).catch(() => undefined);
      }
    }
    const { readReplica } = await import('../replica/replica-state');
    const now = await readReplica(this.ctx.docker, this.state.project);
    if (now) await applyLbConfig(this.ctx.docker, now, lbNodesOf(now).filter((n) => now.nodes.find((x) => x.name === n.name)?.state === 'running')).catch(() => undefined);
    for (const dir of this.tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  }

  facts(nodesAtEnd: string[]): AwsFacts {
    const b = this.behaviour;
    const h = b.healthCheck, a = b.autoScaling, d = b.deploymentGroup;
    return {
      timeFactor: this.clock.factor,
      healthCheck: `${h.path}${b.staticHealthPath ? ' (static file from the user data)' : b.phpHealthPath ? ' (PHP outside Moodle, from the user data)' : ''}, matcher ${h.matcher}, every ${h.intervalSeconds} s, ${h.healthyThreshold} healthy / ${h.unhealthyThreshold} unhealthy`,
      autoScaling: `${a.healthCheckType} health, grace ${a.gracePeriodSeconds} s, zones ${a.zones.join(', ')}`,
      deploymentGroup: `${d.type === 'BLUE_GREEN' ? 'blue/green' : `in place ${d.config}`}${d.withTrafficControl ? ' with traffic control' : ''}${d.autoRollback.enabled ? `, auto-rollback on ${d.autoRollback.events.join(', ')}` : ', no auto-rollback'}`,
      dbCredentials: b.db.evidence,
      unhealthyMarks: this.unhealthyMarks,
      replaced: this.asg.replaced,
      launched: [...this.asg.launched],
      abandoned: this.asg.launchFailures,
      downgradesRefused: this.downgradesRefused,
      deployments: this.deployments.history.map((o) => ({ kind: o.kind, revision: o.revision.id, version: o.revision.version, status: o.status, detail: o.detail })),
      secretRotations: this.secret.rotations,
      nodesAtStart: this.nodesAtStart,
      nodesAtEnd,
    };
  }
}
