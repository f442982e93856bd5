import * as path from 'node:path';
import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import { OPTIONS_FILE, planScaffold, TEMPLATE_FILE } from '../../../engine/scaffold/plan';
import { writePlan } from '../../../engine/scaffold/write-plan';
import { conflictResolver } from '../../scaffold/resolve-conflicts';
import { runWizard } from '../../scaffold/run-wizard';
import { projectOfTemplate, readSavedAnswers } from '../../scaffold/saved-answers';
import { domainSteps } from '../../scaffold/wizard-path';
import { withCancellableProgress } from '../../with-cancellable-progress';
import type { ExtensionCommand } from '../command';

/**
 * "Add a Domain and Certificate…": the quick fix for a scaffolded HTTP-only (DEMO) project. It
 * reopens the wizard with the saved answers at the domain and certificate questions, then writes
 * the project again (the HTTPS listener, the redirect, an https:// wwwroot), asking per changed file.
 */
export const addDomainCommand: ExtensionCommand = {
  id: 'moodleHa.project.addDomain',
  async run(services, target?: unknown) {
    const template = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const project = template?.scheme === 'file' ? await projectOfTemplate(template.fsPath) : await firstProject();
    if (!project) {
      throw new MhaError('usage', 'No moodle-ha.options.json next to this template: it was not written by New Project, so there are no answers to reopen.', {
        nextStep: 'Add an HTTPS listener with your ACM certificate by hand (see the MHA6002 docs), or run Moodle HA: New Project… in this folder.',
      });
    }
    const saved = await readSavedAnswers(project);
    const answers = await runWizard(saved, domainSteps(), 'Moodle HA: Add a Domain and Certificate');
    if (!answers) return;
    if (!answers.domain.certificateArn) {
      void vscode.window.showWarningMessage('Moodle HA: no certificate given, so nothing was changed; the site stays HTTP only (DEMO mode).');
      return;
    }
    const result = await withCancellableProgress('Moodle HA: writing the project with HTTPS', (signal) => writePlan(planScaffold(answers), project, { onConflict: conflictResolver(project), signal }));
    if (result.cancelled) return;
    services.logger.info(`Added ${answers.domain.name || 'the load balancer name'} with a certificate to ${project}: ${result.written.length} written, ${result.skipped.length} kept`);
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(project, TEMPLATE_FILE)), { preview: false });
    void vscode.window.showInformationMessage(`Moodle HA: the project now serves HTTPS at ${answers.domain.name || 'the load balancer name'} (${result.written.length} file(s) rewritten${result.skipped.length ? `, ${result.skipped.length} kept` : ''}).`);
  },
};

async function firstProject(): Promise<string | undefined> {
  const [found] = await vscode.workspace.findFiles(`**/${OPTIONS_FILE}`, '**/{node_modules,cdk.out,.git}/**', 1);
  return found ? path.dirname(found.fsPath) : undefined;
}
