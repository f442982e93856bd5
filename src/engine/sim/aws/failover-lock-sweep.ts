import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { SWEEP_SESSION_LOCKS_PHP } from '../../scaffold/bundle/session-lock-sweep';
import { locateHooks } from '../deploy/hook-scripts';
import { execIn } from '../docker/containers';
import { tarFiles } from '../docker/tar';
import type { ReplicaState } from '../replica/replica-state';
import { CODE_DIR } from '../replica/node-specs';

/** Where the cache endpoint stand-in appends its notifications (sim/images/cache-redis/entrypoint.sh). */
export const NOTIFICATIONS_FILE = '/var/log/mha-cache/notifications.jsonl';
/** Where a web node gets the sweep, as CodeDeploy puts the bundle's ops/ on EC2 (OPS_DIR). */
export const SWEEP_IN_NODE = '/opt/moodle-ha/ops/sweep-session-locks.php';
const FAILOVER_COMPLETE = 'ElastiCache:FailoverComplete';

export interface FailoverNotification {
  /** The promoted node, as the message names it. */
  node: string;
  /** The notification's Timestamp (Unix ms): the sweep's cutoff, as the stack's Lambda takes it. */
  timestampMs: number;
}

/**
 * FailoverComplete notifications among SNS envelopes, one JSON object a line, as the stack's Lambda
 * reads them: Message is ElastiCache's JSON ({"ElastiCache:FailoverComplete": "<node>"}), Timestamp
 * ISO 8601. Other events and unreadable lines are skipped, as the Lambda skips them.
 */
export function failoverNotifications(lines: string): FailoverNotification[] {
  const found: FailoverNotification[] = [];
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    let envelope: { Message?: unknown; Timestamp?: unknown };
    let message: Record<string, unknown>;
    try {
      envelope = JSON.parse(line) as typeof envelope;
      message = JSON.parse(String(envelope.Message)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const at = Date.parse(String(envelope.Timestamp));
    if (!message || typeof message !== 'object' || !(FAILOVER_COMPLETE in message) || !Number.isFinite(at)) continue;
    found.push({ node: String(message[FAILOVER_COMPLETE]), timestampMs: at });
  }
  return found;
}

/** The sweep the scaffold ships (the scaffolded bundle's ops/ when present, else the scaffolder's own). */
export function sweepScript(simDir: string): { content: string; source: string } {
  const file = path.join(locateHooks(simDir).dir, 'ops', 'sweep-session-locks.php');
  try {
    return { content: fs.readFileSync(file, 'utf8'), source: file };
  } catch {
    return { content: SWEEP_SESSION_LOCKS_PHP, source: 'the scaffolder (built in)' };
  }
}

export interface SweepRun { node: string; exitCode: number; output: string }

/** Puts the sweep where the bundle's ops/ lands on every web node (after-install does it on EC2). */
export async function installLockSweep(docker: Docker, state: ReplicaState, script: string): Promise<void> {
  for (const node of state.nodes.filter((n) => n.role === 'web' && n.state === 'running')) {
    await docker.getContainer(node.container).putArchive(tarFiles([{ name: SWEEP_IN_NODE.slice(1), content: script, mode: 0o644 }]), { path: '/' }).catch(() => undefined);
  }
}

/**
 * Runs the sweep on the first web node that can (the stack's SSM document runs on the web servers in
 * turn, and the first one that reaches the primary does the work), as the web user, like Run Command.
 */
export async function runLockSweep(docker: Docker, state: ReplicaState, promotedAtMs: number, signal?: AbortSignal): Promise<SweepRun> {
  let last: SweepRun = { node: 'none', exitCode: -1, output: 'no running web node' };
  for (const node of state.nodes.filter((n) => n.role === 'web')) {
    const container = docker.getContainer(node.container);
    try {
      const result = await execIn(container, ['php', SWEEP_IN_NODE, CODE_DIR, '--promoted-at', String(promotedAtMs)], {}, 'www-data', signal);
      last = { node: node.name, ...result };
      if (result.exitCode === 0) return last;
    } catch (error) {
      if (signal?.aborted) throw error;
      last = { node: node.name, exitCode: -1, output: (error as Error).message };
    }
  }
  return last;
}

export interface NotificationSubscriber {
  /** Resolves once the notifications already there are read (they belong to earlier failovers). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface SubscriberHooks {
  notified(n: FailoverNotification): void;
  swept(run: SweepRun, n: FailoverNotification): void;
}

/**
 * The topic's subscriber: polls the endpoint stand-in's notifications and, for each FailoverComplete,
 * runs the sweep with the notification's time as the cutoff. Polling (every `everyMs`) stands in for
 * SNS's push; its delay is part of what the drill measures, as SNS → Lambda → SSM's is on AWS.
 */
export function subscribeToFailovers(docker: Docker, state: ReplicaState, simDir: string, hooks: SubscriberHooks, everyMs = 500, signal?: AbortSignal): NotificationSubscriber {
  const endpoint = state.nodes.find((n) => n.name === 'cache-endpoint');
  const script = sweepScript(simDir).content;
  let stopped = false;
  // Notifications of earlier failovers (the file lives as long as the endpoint) were handled then.
  let seen: number | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  const loop = (async () => {
    if (!endpoint) return;
    await installLockSweep(docker, state, script);
    const container = docker.getContainer(endpoint.container);
    while (!stopped && !signal?.aborted) {
      const read = await execIn(container, ['cat', NOTIFICATIONS_FILE], {}, undefined, signal).catch(() => undefined);
      if (read && read.exitCode === 0) {
        const all = failoverNotifications(read.output);
        seen ??= all.length;
        markReady();
        for (const n of all.slice(seen)) {
          hooks.notified(n);
          hooks.swept(await runLockSweep(docker, state, n.timestampMs, signal), n);
        }
        seen = Math.max(seen, all.length);
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })().catch(() => undefined).finally(() => markReady());
  return { ready, async stop() { stopped = true; await loop; } };
}
