import type { Clock } from './clock';
import type { DeploymentGroupSpec } from './aws-behaviour';
import type { AutoScalingGroup, AutoScalingPorts } from './auto-scaling';
import type { AwsEventSink, TargetGroup } from './target-group';

/** A revision as CodeDeploy knows it: an id, the app's version, and the code folder (on the host). */
export interface Revision { id: string; version: string; codeDir: string }

export interface NodeOutcome { id: string; outcome: 'Succeeded' | 'Failed' | 'Skipped'; detail?: string }

export interface DeploymentOutcome {
  revision: Revision;
  kind: 'deployment' | 'rollback';
  status: 'Succeeded' | 'Failed';
  detail?: string;
  nodes: NodeOutcome[];
  rollback?: DeploymentOutcome;
}

export interface DeploymentPorts {
  /** ApplicationStop … ValidateService on one node with this revision (no traffic change). */
  install(id: string, revision: Revision): Promise<{ ok: boolean; detail: string }>;
}

/**
 * The CodeDeploy deployment group. In place, one batch at a time (OneAtATime, HalfAtATime,
 * AllAtOnce): with traffic control each node is deregistered (and drained) before its hooks, and
 * registered again after them, and must turn healthy in the target group. Blue/green: a new
 * fleet gets the revision, traffic moves to it, the old fleet is terminated. A failed deployment
 * rolls back (a new deployment of the last successful revision) when the group says so. New
 * instances get the last successful revision at launch.
 */
export class DeploymentGroup {
  lastSuccessful?: Revision;
  readonly history: DeploymentOutcome[] = [];

  constructor(
    readonly spec: DeploymentGroupSpec,
    private readonly ports: DeploymentPorts,
    private readonly asg: AutoScalingGroup,
    private readonly asgPorts: AutoScalingPorts,
    private readonly targetGroup: TargetGroup | undefined,
    private readonly clock: Clock,
    private readonly emit: AwsEventSink = () => undefined,
    /** Stops a deployment between batches (CodeDeploy's "stop deployment"). */
    private readonly signal?: AbortSignal,
  ) {}

  /** The Auto Scaling lifecycle hook's deployment: the last successful revision onto a new node. */
  async launchDeployment(id: string): Promise<{ ok: boolean; detail: string }> {
    const revision = this.lastSuccessful;
    if (!revision) return { ok: true, detail: 'no successful revision yet: the node starts without code' };
    this.emit('cd-launch-deploy', id, `last successful revision ${revision.id} (version ${revision.version})`);
    const r = await this.ports.install(id, revision);
    return { ok: r.ok, detail: r.ok ? `revision ${revision.id} (version ${revision.version}) installed` : r.detail };
  }

  async deploy(revision: Revision, kind: DeploymentOutcome['kind'] = 'deployment'): Promise<DeploymentOutcome> {
    this.emit(kind === 'rollback' ? 'cd-rollback' : 'cd-deploy', undefined, `revision ${revision.id} (version ${revision.version}), ${this.spec.type === 'BLUE_GREEN' ? 'blue/green' : `in place, ${this.spec.config}`}`);
    const outcome = this.spec.type === 'BLUE_GREEN' ? await this.blueGreen(revision, kind) : await this.inPlace(revision, kind);
    this.history.push(outcome);
    if (outcome.status === 'Succeeded') {
      this.lastSuccessful = revision;
      this.emit('cd-succeeded', undefined, `revision ${revision.id}`);
      return outcome;
    }
    this.emit('cd-failed', undefined, outcome.detail);
    const { enabled, events } = this.spec.autoRollback;
    if (kind === 'deployment' && enabled && events.includes('DEPLOYMENT_FAILURE') && this.lastSuccessful && this.lastSuccessful.id !== revision.id) {
      outcome.rollback = await this.deploy(this.lastSuccessful, 'rollback');
    }
    return outcome;
  }

  private batches(ids: string[]): string[][] {
    const size = this.spec.config === 'AllAtOnce' ? ids.length : this.spec.config === 'HalfAtATime' ? Math.max(1, Math.floor(ids.length / 2)) : 1;
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
    return out;
  }

  private async inPlace(revision: Revision, kind: DeploymentOutcome['kind']): Promise<DeploymentOutcome> {
    const targets = this.asg.inService().map((i) => ({ id: i.id, ip: i.ip }));
    const nodes: NodeOutcome[] = targets.map((t) => ({ id: t.id, outcome: 'Skipped' }));
    const fail = (detail: string): DeploymentOutcome => ({ revision, kind, status: 'Failed', detail, nodes });
    if (!targets.length) return fail('no instance in service to deploy to');
    for (const batch of this.batches(targets.map((t) => t.id))) {
      if (this.signal?.aborted) return fail('stopped on request');
      const results = await Promise.all(batch.map(async (id) => {
        const node = nodes.find((n) => n.id === id)!;
        const ip = targets.find((t) => t.id === id)!.ip;
        if (!this.asg.instances.has(id)) { node.outcome = 'Failed'; node.detail = 'the instance was terminated during the deployment'; return false; }
        if (this.spec.withTrafficControl) await this.targetGroup?.deregister(id);
        this.emit('cd-install', id, `revision ${revision.id}`);
        // The ASG may terminate the instance while its hooks run (its container is then gone): as on
        // AWS, that fails this instance's deployment; it is not an error of the drill.
        const r = await this.ports.install(id, revision).catch((error: Error) => ({
          ok: false, detail: this.asg.instances.has(id) ? `install failed: ${error.message.split('\n')[0]}` : 'the instance was terminated during the deployment',
        }));
        if (!r.ok) { node.outcome = 'Failed'; node.detail = r.detail; this.emit('cd-node-failed', id, r.detail); return false; }
        if (!this.asg.instances.has(id)) { node.outcome = 'Failed'; node.detail = 'the instance was terminated during the deployment'; return false; }
        if (this.spec.withTrafficControl && this.targetGroup) {
          await this.targetGroup.register(id, ip);
          if (!(await this.waitHealthy(id))) { node.outcome = 'Failed'; node.detail = 'AllowTraffic: the target did not turn healthy'; return false; }
        }
        node.outcome = 'Succeeded';
        this.emit('cd-node-done', id, `revision ${revision.id}`);
        return true;
      }));
      if (results.some((ok) => !ok)) return fail(nodes.filter((n) => n.outcome === 'Failed').map((n) => `${n.id}: ${n.detail}`).join('; '));
    }
    return { revision, kind, status: 'Succeeded', nodes };
  }

  private async blueGreen(revision: Revision, kind: DeploymentOutcome['kind']): Promise<DeploymentOutcome> {
    const blue = this.asg.inService();
    const nodes: NodeOutcome[] = [];
    const green: Array<{ id: string; ip: string; zone: string }> = [];
    const zones = this.asg.spec.zones.length ? this.asg.spec.zones : ['a'];
    for (let i = 0; i < Math.max(1, blue.length); i++) {
      const zone = zones[i % zones.length];
      let node: { id: string; ip: string };
      try { node = await this.asgPorts.launch(zone); } catch (error) { return this.abandonGreen(revision, kind, green, nodes, `launch failed: ${(error as Error).message.split('\n')[0]}`); }
      green.push({ ...node, zone });
      this.emit('cd-green-launch', node.id, `replacement fleet, zone ${zone}`);
      const r = await this.ports.install(node.id, revision);
      if (!r.ok) { nodes.push({ id: node.id, outcome: 'Failed', detail: r.detail }); return this.abandonGreen(revision, kind, green, nodes, `${node.id}: ${r.detail}`); }
      nodes.push({ id: node.id, outcome: 'Succeeded' });
    }
    for (const g of green) await this.targetGroup?.register(g.id, g.ip);
    for (const g of green) if (this.targetGroup && !(await this.waitHealthy(g.id))) return this.abandonGreen(revision, kind, green, nodes, `${g.id}: the target did not turn healthy`);
    this.emit('cd-reroute', undefined, `traffic to ${green.map((g) => g.id).join(', ')}`);
    const targetGroup = this.targetGroup;
    if (targetGroup) await Promise.all(blue.map((b) => targetGroup.deregister(b.id)));
    for (const b of blue) { this.asg.instances.delete(b.id); await this.asgPorts.terminate(b.id).catch(() => undefined); this.emit('cd-blue-terminate', b.id); }
    for (const g of green) this.asg.adopt(g.id, g.ip, g.zone);
    for (const g of green) { const i = this.asg.instances.get(g.id); if (i) i.inServiceAt = this.clock.now(); }
    return { revision, kind, status: 'Succeeded', nodes };
  }

  /** A failed blue/green never touched the old fleet: drop the new one, traffic stays where it was. */
  private async abandonGreen(revision: Revision, kind: DeploymentOutcome['kind'], green: Array<{ id: string }>, nodes: NodeOutcome[], detail: string): Promise<DeploymentOutcome> {
    for (const g of green) { await this.targetGroup?.remove(g.id); await this.asgPorts.terminate(g.id).catch(() => undefined); }
    return { revision, kind, status: 'Failed', detail: `${detail} (the original fleet kept serving)`, nodes };
  }

  private async waitHealthy(id: string): Promise<boolean> {
    if (!this.targetGroup) return true;
    const spec = this.targetGroup.spec;
    const rounds = spec.healthyThreshold + spec.unhealthyThreshold + 2;
    for (let i = 0; i < rounds * 4; i++) {
      const h = this.targetGroup.health(id);
      if (h === 'healthy') return true;
      if (h === 'unhealthy' || h === undefined) return false;
      await this.clock.sleep((spec.intervalSeconds * 1000) / 4);
    }
    return false;
  }
}
