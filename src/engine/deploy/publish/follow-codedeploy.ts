import { BatchGetDeploymentTargetsCommand, GetDeploymentCommand, ListDeploymentTargetsCommand, type CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { PublishMessage, PublishMessageSink } from './publish-messages';

export interface HookFailure {
  instanceId: string;
  event: string;
  message?: string;
  logTail?: string;
}

/**
 * One look at a CodeDeploy deployment: its status, each instance's lifecycle events, and the
 * failed hook with its log tail. Emits only what changed since the previous look.
 */
export class CodeDeployWatcher {
  private readonly lastSeen = new Map<string, string>();
  failure?: HookFailure;
  status?: string;

  constructor(private readonly codeDeploy: CodeDeployClient, readonly deploymentId: string, private readonly emit: PublishMessageSink, private readonly signal?: AbortSignal) {}

  /** True when the deployment has ended. */
  async look(): Promise<boolean> {
    const opts = { abortSignal: this.signal };
    const { deploymentInfo: info } = await this.codeDeploy.send(new GetDeploymentCommand({ deploymentId: this.deploymentId }), opts);
    const status = info?.status ?? 'Unknown';
    const overview = info?.deploymentOverview as Record<string, number> | undefined;
    this.once(`deployment`, JSON.stringify([status, overview]), { kind: 'deployment', deploymentId: this.deploymentId, status, overview });
    this.status = status;

    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.codeDeploy.send(new ListDeploymentTargetsCommand({ deploymentId: this.deploymentId, nextToken: token }), opts);
      ids.push(...(page.targetIds ?? []));
      token = page.nextToken;
    } while (token);
    // BatchGetDeploymentTargets takes at most 25 ids.
    for (let i = 0; i < ids.length; i += 25) {
      const batch = await this.codeDeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId: this.deploymentId, targetIds: ids.slice(i, i + 25) }), opts);
      for (const t of batch.deploymentTargets ?? []) {
        const target = t.instanceTarget;
        if (!target?.targetId) continue;
        const events = (target.lifecycleEvents ?? []).map((e) => ({ name: e.lifecycleEventName ?? '?', status: e.status ?? 'Pending' }));
        this.once(`i:${target.targetId}`, JSON.stringify([target.status, events]), { kind: 'instance', deploymentId: this.deploymentId, instanceId: target.targetId, status: target.status ?? 'Unknown', events });
        for (const e of target.lifecycleEvents ?? []) {
          if (e.status !== 'Failed' || this.failure) continue;
          this.failure = { instanceId: target.targetId, event: e.lifecycleEventName ?? '?', message: e.diagnostics?.message, logTail: e.diagnostics?.logTail };
          this.emit({ kind: 'hookFailed', ...this.failure });
        }
      }
    }
    return ['Succeeded', 'Failed', 'Stopped'].includes(status);
  }

  private once(key: string, fingerprint: string, message: PublishMessage): void {
    if (this.lastSeen.get(key) === fingerprint) return;
    this.lastSeen.set(key, fingerprint);
    this.emit(message);
  }
}
