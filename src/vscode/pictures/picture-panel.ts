import * as vscode from 'vscode';
import { describeError } from '../../engine/common/errors';
import { escapeXml } from '../../engine/common/svg-text';
import type { LintResult } from '../../engine/lint/lint-template';
import type { TemplateLinter } from '../lint/template-linter';

/** What a picture panel draws from a document's lint result: an SVG (or a short HTML note). */
export type DrawPicture = (result: LintResult, document: vscode.TextDocument) => string;

/**
 * A webview beside the editor that draws one picture of a template. It redraws from the live
 * linter's result (the parse and topology the lint already made, so a redraw costs a few ms), and
 * follows the active template. No script runs in it: the only interaction is a command link that
 * reveals a resource in the template.
 */
export class PicturePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly kind: string, private readonly title: string, private document: vscode.TextDocument, private readonly linter: TemplateLinter, private readonly draw: DrawPicture, onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel(`moodleHa.${kind}`, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: ['moodleHa.topology.reveal'],
      localResourceRoots: [],
    });
    this.disposables.push(
      this.panel.onDidDispose(() => { this.dispose(); onDispose(); }),
      linter.onDidLint(({ uri, result }) => { if (uri.toString() === this.document.uri.toString()) this.render(result); }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document !== this.document && ['yaml', 'json'].includes(editor.document.languageId)) this.show(editor.document);
      }),
    );
    this.show(document);
  }

  show(document: vscode.TextDocument): void {
    this.document = document;
    this.panel.title = `${this.title}: ${vscode.workspace.asRelativePath(document.uri)}`;
    this.panel.reveal(undefined, true);
    // The lint's result arrives through onDidLint; undefined means it was not linted at all.
    void this.linter.lint(document).then((findings) => {
      if (findings === undefined && document === this.document) {
        this.setBody('<p>This file is not linted: it is not a CloudFormation template, or the moodleHa.lint settings exclude it. There is nothing to draw.</p>');
      }
    });
  }

  private render(result: LintResult): void {
    let body: string;
    try {
      body = result.isCloudFormation ? this.draw(result, this.document) : '<p>This file is not a CloudFormation template: there is nothing to draw.</p>';
    } catch (error) {
      body = `<p class="problem">${escapeXml(describeError(error))}</p>`;
    }
    this.setBody(body);
  }

  private setBody(body: string): void {
    this.panel.webview.html = pictureHtml(this.kind, body, this.panel.webview.cspSource);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The page around a picture: theme colours, no script, nothing fetched. */
export function pictureHtml(kind: string, body: string, cspSource: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource};">
<style>body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 8px 16px; }
svg { max-width: 100%; height: auto; } a { cursor: pointer; } a:hover rect { stroke-width: 2; } .problem { color: var(--vscode-errorForeground); }</style>
</head><body data-picture="${escapeXml(kind)}">${body}</body></html>`;
}
