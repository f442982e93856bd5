import * as vscode from 'vscode';
import { CancelledError } from '../../engine/common/cancellation';
import { asMhaError, isMhaError, type MhaError } from '../../engine/common/errors';
import type { Logger } from '../../engine/common/logger';
import { createAwsClientFactory, type AwsClientFactory } from '../../engine/deploy/aws-clients';
import type { FailureCause, ResourceProgress } from '../../engine/deploy/deploy-messages';
import { localCredentialSource } from '../../engine/deploy/credential-source';
import { checkEndpoint } from '../../engine/deploy/endpoint-policy';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { requireTrust } from '../trust/require-trust';
import { readAwsSettings, type AwsSettings } from './aws-settings';
import { readProjectRegion, type ProjectRegion } from './project-region';

/** What stands between the view and a first call to AWS; the view shows a welcome page for each. */
export type StacksState = 'untrusted' | 'noRegion' | 'noCredentials' | 'unconfirmedEndpoint' | 'ready';

/**
 * The AWS side of the extension for one window: the current target (from moodleHa.aws.*), its
 * clients, the operations running now, and the failure causes pinned in the tree.
 */
export class StackSession implements vscode.Disposable {
  private clientsCache?: AwsClientFactory;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the target changes, an operation starts or ends, or a failure is pinned. */
  readonly onDidChange = this.changed.event;
  readonly running = new Map<string, string>();
  readonly pinnedFailures = new Map<string, FailureCause>();
  /** Resource statuses our own running operation reported, newest last: the tree shows these instead of polling. */
  readonly live = new Map<string, ResourceProgress[]>();
  private readonly liveChanged = new vscode.EventEmitter<string>();
  /** Fires (at most every 300 ms per stack) when an operation we run reports resource progress. */
  readonly onDidChangeLive = this.liveChanged.event;
  private liveTimers = new Map<string, NodeJS.Timeout>();
  settings: AwsSettings = readAwsSettings();
  /** The non-AWS endpoint the user agreed to this session (asked again after a restart or a change). */
  private confirmedEndpoint?: string;

  /** The region the New Project wizard saved in this folder (moodle-ha.options.json), the default when no setting names one. */
  projectRegion?: ProjectRegion;
  /** The user chose to try the SDK's default chain although nothing on this machine names credentials (an EC2 role). */
  private credentialsAssumed = false;

  private projectRegionLoaded: Promise<void>;

  constructor(private readonly logger: Logger) {
    this.projectRegionLoaded = this.loadProjectRegion();
  }

  reload(): void {
    this.settings = readAwsSettings();
    this.clientsCache = undefined;
    this.changed.fire();
    this.projectRegionLoaded = this.loadProjectRegion();
  }

  /** A moodle-ha.options.json was written, changed or removed (New Project saves one): look for the region again. */
  reloadProjectRegion(): void {
    this.projectRegionLoaded = this.loadProjectRegion();
  }

  /** Resolves once the project's region has been looked for, so the view never flashes "no region" first. */
  settled(): Promise<void> {
    return this.projectRegionLoaded;
  }

  private async loadProjectRegion(): Promise<void> {
    const found = await readProjectRegion().catch(() => undefined);
    if (found?.region === this.projectRegion?.region && found?.file === this.projectRegion?.file) return;
    this.projectRegion = found;
    this.clientsCache = undefined;
    this.changed.fire();
  }

  /** The region in use and where it comes from, for the target row. */
  regionSource(region: string): string | undefined {
    if (this.settings.region) return undefined;
    return this.projectRegion?.region === region ? `from ${this.projectRegion.file}` : undefined;
  }

  /** The first thing missing before the view may call AWS (cheap: no network call). */
  state(trusted: boolean): StacksState {
    if (!trusted) return 'untrusted';
    const clients = this.tryClients();
    if (isMhaError(clients)) return 'noRegion';
    if (!this.credentialsAssumed && !clients.target.credentials && !localCredentialSource(clients.target.profile)) return 'noCredentials';
    return this.unconfirmedEndpoint() ? 'unconfirmedEndpoint' : 'ready';
  }

  /** Go on to the SDK's default chain (instance metadata, SSO cache) although no local file or variable names credentials. */
  assumeCredentials(): void {
    if (this.credentialsAssumed) return;
    this.credentialsAssumed = true;
    this.changed.fire();
  }

  /** Throws a usage error (with how to fix it) when no region is known. */
  clients(): AwsClientFactory {
    if (this.clientsCache) return this.clientsCache;
    const target = resolveTarget({ profile: this.settings.profile, region: this.settings.region ?? this.projectRegion?.region, endpointUrl: this.settings.endpointUrl });
    this.clientsCache = createAwsClientFactory(target, this.logger);
    return this.clientsCache;
  }

  tryClients(): AwsClientFactory | MhaError {
    try { return this.clients(); } catch (error) { const mha = asMhaError(error); if (mha) return mha; throw error; }
  }

  /** The endpoint still to be confirmed before any call: set, not AWS, and not agreed to this session. */
  unconfirmedEndpoint(): string | undefined {
    const clients = this.tryClients();
    // The setting, or MOODLE_HA_AWS_ENDPOINT_URL from the environment (resolveTarget picks).
    const url = 'target' in clients ? clients.target.endpointUrl : this.settings.endpointUrl;
    if (!url || this.confirmedEndpoint === url) return undefined;
    try { return checkEndpoint(url).isAws ? undefined : url; } catch { return url; }
  }

  /**
   * The clients, for a command or view about to call AWS: only in a trusted folder, and only after
   * the user has agreed (once per session) to a non-AWS endpoint. Every request is signed with the
   * user's credentials, and a deploy sends the template and NoEcho values to that endpoint.
   */
  async usableClients(): Promise<AwsClientFactory> {
    requireTrust('Talking to AWS');
    const clients = this.clients();
    const url = this.unconfirmedEndpoint();
    if (url) {
      const go = 'Use This Endpoint';
      const choice = await vscode.window.showWarningMessage(`Send AWS calls to ${url}?`, {
        modal: true,
        detail: `${url} is not AWS. Every request to it is signed with your AWS credentials (access key id, session token), and a deploy sends the template and every parameter value, NoEcho ones included. Continue only if you run this endpoint yourself (moto, LocalStack). It is the user setting moodleHa.aws.endpointUrl or MOODLE_HA_AWS_ENDPOINT_URL.`,
      }, go);
      if (choice !== go) throw new CancelledError('The endpoint was not confirmed.');
      this.confirmedEndpoint = url;
      this.changed.fire();
    }
    return clients;
  }

  /** Marks a stack busy while `work` runs, so the tree polls it quickly. */
  async track<T>(stackName: string, what: string, work: () => PromiseLike<T>): Promise<T> {
    this.running.set(stackName, what);
    this.live.set(stackName, []);
    this.changed.fire();
    try {
      return await work();
    } finally {
      this.running.delete(stackName);
      this.live.delete(stackName);
      this.changed.fire();
    }
  }

  recordProgress(stackName: string, progress: ResourceProgress): void {
    const list = this.live.get(stackName);
    if (!list) return;
    list.push(progress);
    if (this.liveTimers.has(stackName)) return;
    this.liveTimers.set(stackName, setTimeout(() => { this.liveTimers.delete(stackName); this.liveChanged.fire(stackName); }, 300));
  }

  pinFailure(stackName: string, cause: FailureCause | undefined): void {
    if (cause) this.pinnedFailures.set(stackName, cause); else this.pinnedFailures.delete(stackName);
    this.changed.fire();
  }

  dispose(): void {
    for (const t of this.liveTimers.values()) clearTimeout(t);
    this.changed.dispose();
    this.liveChanged.dispose();
  }
}
