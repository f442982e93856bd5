import * as vscode from 'vscode';
import type { Services } from '../services';
import type { SimContext } from '../../engine/sim/replica/sim-context';
import type { ReplicaState } from '../../engine/sim/replica/replica-state';
import { CHOSEN_PROJECT_KEY, REPLICA_SECTION } from '../settings/replica-settings';
import { replicaProject } from './replica-project';

/**
 * The replica as last read from Docker, refreshed every few seconds while the view is visible
 * (and once after each command). dockerode loads lazily: activation never pays for it.
 */
export class ReplicaSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  state: ReplicaState | undefined;
  error: string | undefined;
  busy: string | undefined;
  /** Docker has been asked at least once (the welcome page waits for that answer). */
  answered = false;
  /** The drill running now, if the operation in progress is one. */
  drilling: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ctx: SimContext | undefined;
  private refreshing = false;

  constructor(private readonly services: Services) {}

  /** The replica's Docker project: the name chosen at the last start in this folder, else the setting (its manifest default is moodle-ha). */
  get project(): string {
    return replicaProject(this.services.context);
  }

  /** The name to offer at the next start: the one chosen before in this folder, else the setting, else `fallback`. */
  suggestedProject(fallback: string): string {
    return this.services.context.workspaceState.get<string>(CHOSEN_PROJECT_KEY) || this.configuredProject() || fallback;
  }

  /** moodleHa.replica.project, if the user set it (its default is only a fallback). */
  configuredProject(): string | undefined {
    const set = vscode.workspace.getConfiguration(REPLICA_SECTION).inspect<string>('project');
    return set?.workspaceFolderValue || set?.workspaceValue || set?.globalValue || undefined;
  }

  /** Remembers the name given at Start Local Replica, so the tree, drills and Remove find that replica. */
  async chooseProject(name: string): Promise<void> {
    await this.services.context.workspaceState.update(CHOSEN_PROJECT_KEY, name);
  }

  /** The engine's context: Docker client and the sim/ assets shipped with the extension. */
  async simContext(extra: Partial<SimContext> = {}): Promise<SimContext> {
    if (!this.ctx) {
      const [{ createDockerClient }, { locateSimAssets }] = await Promise.all([
        import('../../engine/sim/docker/docker-client'),
        import('../../engine/sim/sim-assets'),
      ]);
      this.ctx = { docker: createDockerClient(), simDir: locateSimAssets(this.services.context.extensionPath), logger: this.services.logger };
    }
    return { ...this.ctx, ...extra };
  }

  setVisible(visible: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = visible ? setInterval(() => void this.refresh(), 4000) : undefined;
    if (visible) void this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return;
    // Restricted Mode: the tree says so; Docker is not touched.
    if (!vscode.workspace.isTrusted) { this.changed.fire(); return; }
    this.refreshing = true;
    try {
      const ctx = await this.simContext();
      const [{ readReplica }, { checkDocker }] = await Promise.all([import('../../engine/sim/replica/replica-state'), import('../../engine/sim/docker/docker-client')]);
      await checkDocker(ctx.docker);
      this.state = await readReplica(ctx.docker, this.project);
      this.error = undefined;
    } catch (error) {
      this.state = undefined;
      this.error = (error as Error).message;
    } finally {
      this.refreshing = false;
      this.answered = true;
      this.changed.fire();
    }
  }

  /** Runs an operation with the tree showing what is going on, then refreshes. */
  async run<T>(label: string, operation: () => Promise<T>, drill?: string): Promise<T> {
    this.busy = label;
    this.drilling = drill;
    this.changed.fire();
    try {
      return await operation();
    } finally {
      this.busy = undefined;
      this.drilling = undefined;
      await this.refresh();
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.changed.dispose();
  }
}
