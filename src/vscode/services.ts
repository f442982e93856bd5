import * as vscode from 'vscode';
import type { Logger } from '../engine/common/logger';
import { TemplateLinter } from './lint/template-linter';

/**
 * What every command and view needs, created once at activation. It owns nothing but the shared
 * log: each feature registers its own disposables on `context.subscriptions`.
 */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** The engine's view of the log channel. */
  logger: Logger;
  /** Live CloudFormation linting (its validator worker starts on the first template). */
  linter: TemplateLinter;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('Moodle HA', { log: true });
  context.subscriptions.push(log);
  const logger: Logger = {
    trace: (m) => log.trace(m), debug: (m) => log.debug(m), info: (m) => log.info(m),
    warn: (m) => log.warn(m), error: (m) => log.error(m),
  };
  const docsFolder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const ruleDocs = (ruleId: string) => (/^MHA\d{4}$/.test(ruleId) ? vscode.Uri.joinPath(docsFolder, `${ruleId}.md`) : undefined);
  return { context, log, logger, linter: new TemplateLinter(logger, ruleDocs) };
}
