import * as vscode from 'vscode';
import { MhaError } from '../../engine/common/errors';
import type { Services } from '../services';
import { type DrawPicture, PicturePanel } from './picture-panel';

const open = new Map<string, PicturePanel>();

/** One panel per kind of picture, following the active template. */
export function showPicture(services: Services, kind: string, title: string, draw: DrawPicture): void {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !['yaml', 'json'].includes(document.languageId)) {
    throw new MhaError('usage', 'No CloudFormation template is open.', { nextStep: 'Open a template (YAML or JSON), then run the command again.' });
  }
  const existing = open.get(kind);
  if (existing) return existing.show(document);
  const panel = new PicturePanel(kind, title, document, services.linter, draw, () => open.delete(kind));
  open.set(kind, panel);
  services.context.subscriptions.push(panel);
}
