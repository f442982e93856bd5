import * as vscode from 'vscode';
import { describeError } from '../../engine/common/errors';
import { escapeXml } from '../../engine/common/svg-text';

/** What a picture panel draws for a document: an SVG, or the reason it cannot. */
export type DrawPicture = (document: vscode.TextDocument) => Promise<string> | string;

/**
 * A webview beside the editor that draws one picture of a template and redraws it as the user
 * types (debounced), or when another template becomes the active editor. No script runs in it:
 * the only interaction is a command link that reveals a resource in the template.
 */
export class PicturePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly kind: string, private readonly title: string, private document: vscode.TextDocument, private readonly draw: DrawPicture, onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel(`moodleHa.${kind}`, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: ['moodleHa.topology.reveal'],
      localResourceRoots: [],
    });
    this.disposables.push(
      this.panel.onDidDispose(() => { this.dispose(); onDispose(); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === this.document) this.schedule(); }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document !== this.document && ['yaml', 'json'].includes(editor.document.languageId)) this.show(editor.document);
      }),
    );
    void this.redraw();
  }

  show(document: vscode.TextDocument): void {
    this.document = document;
    this.panel.reveal(undefined, true);
    void this.redraw();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.redraw(), 400);
  }

  private async redraw(): Promise<void> {
    const generation = ++this.generation;
    this.panel.title = `${this.title}: ${vscode.workspace.asRelativePath(this.document.uri)}`;
    let body: string;
    try {
      body = await this.draw(this.document);
    } catch (error) {
      body = `<p class="problem">${escapeXml(describeError(error))}</p>`;
    }
    if (generation !== this.generation) return; // a newer edit is being drawn
    this.panel.webview.html = pictureHtml(this.kind, body, this.panel.webview.cspSource);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function pictureHtml(kind: string, body: string, cspSource: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource};">
<style>body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 8px 16px; }
svg { max-width: 100%; height: auto; } a { cursor: pointer; } a:hover rect { stroke-width: 2; } .problem { color: var(--vscode-errorForeground); }</style>
</head><body data-picture="${escapeXml(kind)}">${body}</body></html>`;
}
