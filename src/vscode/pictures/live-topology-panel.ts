import * as vscode from 'vscode';
import { MhaError } from '../../engine/common/errors';
import { escapeXml } from '../../engine/common/svg-text';
import { TemplateModel } from '../../engine/template/template-model';
import { deriveTopology } from '../../engine/topology/derive';
import { drawTopologySvg } from '../../engine/topology/draw/draw-topology-svg';
import { liveNodesOf } from '../../engine/topology/draw/live-nodes';
import type { HaTopology } from '../../engine/topology/types';
import type { ReplicaSession } from '../sim/replica-session';
import { pictureHtml } from './picture-panel';

let current: LiveTopologyPanel | undefined;

/** The drill's serving counts, once a second; undefined when the drill ends. Redraws the open live picture. */
export function setLiveServing(serving: Record<string, number> | undefined): void {
  current?.setServing(serving);
}

/**
 * Opens (or reveals) the live picture of the running replica, drawn on the template it was planned
 * from (recorded in its plan), else on the open template.
 */
export async function showLiveTopology(session: ReplicaSession): Promise<void> {
  if (!session.state) await session.refresh();
  const document = await templateOf(session);
  if (current) current.dispose();
  current = new LiveTopologyPanel(document, session, () => { current = undefined; });
}

/** The template to draw: the plan's (opened without showing it, so an edit still redraws), else the active editor's. */
async function templateOf(session: ReplicaSession): Promise<vscode.TextDocument> {
  const recorded = session.state?.plan.template;
  if (recorded) {
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.file(recorded));
    } catch {
      throw new MhaError('usage', `The replica '${session.project}' was started from ${recorded}, which cannot be read now.`, { nextStep: 'Open the template to draw it on, then run the command again.' });
    }
  }
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !['yaml', 'json'].includes(document.languageId)) {
    const why = session.state ? `The replica '${session.project}' runs the HA defaults (no template)` : `No local replica '${session.project}' is running`;
    throw new MhaError('usage', `${why}, and no CloudFormation template is open.`, { nextStep: 'Open a template to draw the replica on, then run the command again.' });
  }
  return document;
}

/**
 * The replica as the template's picture: web nodes coloured and marked by health, redrawn when the
 * replica session reads a state that differs (read every 2 s while this panel is open), and during a drill the
 * node answering users filled with its requests a second.
 */
class LiveTopologyPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private serving: Record<string, number> | undefined;
  private topology: { version: number; value: HaTopology } | undefined;
  /** What the picture last showed, so a read that changed nothing does not replace the page. */
  private shown: string | undefined;

  constructor(private readonly document: vscode.TextDocument, private readonly session: ReplicaSession, onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel('moodleHa.liveTopology', `Live topology: ${session.project}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
    const timer = setInterval(() => void session.refresh(), 2000);
    this.disposables.push(
      { dispose: () => clearInterval(timer) },
      session.onDidChange(() => this.render()),
      this.panel.onDidDispose(() => { this.dispose(); onDispose(); }),
    );
    void session.refresh();
    this.render();
  }

  setServing(serving: Record<string, number> | undefined): void {
    this.serving = serving;
    // During a drill the nodes are read with each second's counts, not only every 2 s: a killed
    // node is down, and its replacement starting, for a few seconds only, and the picture must show it.
    if (serving) void this.session.refresh();
    this.render();
  }

  private render(): void {
    const state = this.session.state;
    const liveNodes = state ? liveNodesOf(state, this.serving) : undefined;
    // Replacing the page reloads the webview, and a reload every 2 s with nothing new made the
    // workbench beside it unsteady (a quick pick whose rows never settled, seen in the UI tests):
    // the page is replaced only when what it shows changes.
    const shown = JSON.stringify([this.document.version, liveNodes, !!this.serving, this.session.error]);
    if (shown === this.shown) return;
    this.shown = shown;
    let body: string;
    if (!state) {
      body = `<p>${escapeXml(this.session.error ? `The replica cannot be read: ${this.session.error}` : `No local replica '${this.session.project}' is running. Start one with Moodle HA: Start Local Replica.`)}</p>`;
    } else {
      // The template's topology, derived once per edit of it; the nodes are the replica's.
      if (this.topology?.version !== this.document.version) this.topology = { version: this.document.version, value: deriveTopology(TemplateModel.parse(this.document.uri.toString(), this.document.getText())) };
      body = drawTopologySvg(this.topology.value, {
        title: `Replica ${state.project} · ${vscode.workspace.asRelativePath(this.document.uri)}`,
        subtitle: this.serving ? 'drill running: ▶ marks the node answering users' : `live: redrawn when the replica changes (last change ${new Date().toLocaleTimeString()})`,
        liveNodes,
      });
    }
    this.panel.webview.html = pictureHtml('live-topology', body, this.panel.webview.cspSource);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
