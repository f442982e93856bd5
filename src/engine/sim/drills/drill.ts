import type Docker from 'dockerode';
import type { SimContext } from '../replica/sim-context';
import type { ReplicaState } from '../replica/replica-state';
import type { DrillEvent, DrillSummary, Expectation, SecondBucket } from './drill-report';
import type { AwsControlPlane, AwsFacts } from '../aws/control-plane';

/** What a drill's action sees while the load runs. */
export interface DrillEnv {
  ctx: SimContext;
  docker: Docker;
  state: ReplicaState;
  /** Waits until `seconds` after the drill's start (or returns at once when already past). */
  at(seconds: number): Promise<void>;
  /** Seconds since start, for events. */
  now(): number;
  /** Wall clock (ms) of a drill time in seconds. */
  wallClock(seconds: number): number;
  /** Records an event now, or at drill time `at` (seconds) when it is known to have happened earlier. */
  event(kind: string, node?: string, detail?: string, at?: number): void;
  /** The node that answered the latest successful request. */
  lastNode(): string | undefined;
  signal?: AbortSignal;
  /** The AWS stand-ins (target group, Auto Scaling group, deployment group, secret), when the drill runs them. */
  aws?: AwsControlPlane;
  /** The drill's length in seconds. */
  seconds: number;
}

/** What an expectation may read besides the summary: the per-second series and what the AWS stand-ins did. */
export interface ExpectContext {
  /** Per-second buckets of the load window only (a request still in flight when the load ended is left out). */
  series: SecondBucket[];
  aws?: AwsFacts;
}

/** What the action tells the report maths: when it disrupted, when repair began, whose return counts. */
export interface ActionMarks {
  disruptAt?: number;
  restoreAt?: number;
  /** When the LB noticed, if known from its own log (drill seconds). */
  detectedAt?: number;
  /** detectedAt is the target group taking the node out (see SummaryInput.detectedByHealthCheck). */
  detectedByHealthCheck?: boolean;
  targetNode?: string;
  notes?: string[];
}

export interface DrillDefinition {
  name: string;
  title: string;
  defaultSeconds: number;
  /** Runs the AWS control plane even on a replica planned without a template (AWS's defaults). */
  usesAws?: boolean;
  /**
   * The load runs until the action is over (at least the drill's seconds, at most
   * OPEN_LOAD_LIMIT_SECONDS): for actions whose length is not known up front (a deployment and an
   * upgrade take minutes with real Moodle), so nothing they do falls after the load's end.
   */
  loadUntilActionDone?: boolean;
  /** With the probe: each page holds its session lock this long, as Moodle's pages do (LoadOptions.pageHoldSeconds). */
  probePageHoldSeconds?: number;
  act(env: DrillEnv): Promise<ActionMarks>;
  expect(summary: DrillSummary, state: ReplicaState, events: DrillEvent[], users: number, more: ExpectContext): Expectation[];
}
