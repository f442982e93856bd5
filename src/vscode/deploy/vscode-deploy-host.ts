import * as vscode from 'vscode';
import { isReplacement } from '../../engine/deploy/change-set-preview';
import type { DeployHost } from '../../engine/deploy/deploy-host';
import type { DeployMessage } from '../../engine/deploy/deploy-messages';
import { formatDeployMessage, formatElapsed } from '../../engine/deploy/format-deploy-message';
import { parameterProblem, type ParameterAnswer, type ParameterQuestion } from '../../engine/deploy/resolve-parameters';
import type { Services } from '../services';
import type { ChangeSetDocuments } from './change-set-document';
import type { StackSession } from './stack-session';

const KEEP_PREVIOUS = '$(history) Keep the deployed value';

/** The deploy engine's questions as VS Code prompts; its messages as progress, log lines and pinned failures. */
export function vscodeDeployHost(
  services: Services, session: StackSession, documents: ChangeSetDocuments, stackName: string,
  progress: vscode.Progress<{ message?: string }>,
): DeployHost & { messages: DeployMessage[] } {
  const messages: DeployMessage[] = [];
  const modal = async (message: string, detail: string, yes: string) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, yes)) === yes;
  return {
    messages,
    logger: services.logger,
    emit(m) {
      messages.push(m);
      const line = formatDeployMessage(m);
      if (line) services.log.info(line);
      if (m.kind === 'progress') progress.report({ message: `${m.done}/${m.total} resources · ${formatElapsed(m.elapsedMs)}` });
      if (m.kind === 'resource') { progress.report({ message: `${m.resource.logicalId} ${m.resource.status}` }); session.recordProgress(stackName, m.resource); }
      if (m.kind === 'failure') session.pinFailure(stackName, m.cause);
      if (m.kind === 'rollback') progress.report({ message: `rolling back (${m.status})` });
    },
    promptParameter: (q) => askParameter(q),
    confirmLintOverride: (errors) => modal(`The template has ${errors.length} lint error(s).`,
      `${errors.slice(0, 5).map((e) => `line ${e.range.start.line + 1}: ${e.message}`).join('\n')}\n\nCloudFormation will probably reject it. Deploy anyway?`, 'Deploy Anyway'),
    confirmCreateBucket: (bucket) => modal('The template is over 51,200 bytes and must go through S3.', `Create the bucket ${bucket} (encrypted, all public access blocked) for templates?`, 'Create Bucket'),
    confirmRecreate: (name, status) => modal(`Stack ${name} is ${status}.`, 'Its first create failed and was rolled back; CloudFormation cannot update it. Delete it and create it again?', 'Delete and Recreate'),
    confirmContinueRollback: (name, reason) => modal(`Stack ${name} is UPDATE_ROLLBACK_FAILED.`, `${reason ?? ''}\n\nContinue the rollback now (after fixing what blocked it)?`, 'Continue Rollback'),
    async confirmChangeSet(preview) {
      await documents.show(preview);
      const replaced = preview.changes.filter(isReplacement).length;
      const counts = ['Add', 'Modify', 'Remove'].map((a) => `${preview.changes.filter((c) => c.action === a).length} ${a.toLowerCase()}`).join(', ');
      return modal(`Execute the change set for ${preview.stackName}?`, `${counts}${replaced ? `\n⚠️ ${replaced} resource(s) replaced or possibly replaced.` : ''}`, 'Execute');
    },
  };
}

async function askParameter(q: ParameterQuestion): Promise<ParameterAnswer | undefined> {
  const { spec } = q;
  const title = `Parameter ${spec.key}`;
  if (spec.allowedValues?.length) {
    const first = q.remembered ?? spec.defaultValue;
    const values = [...spec.allowedValues].sort((a, b) => Number(b === first) - Number(a === first));
    const items: vscode.QuickPickItem[] = values.map((v) => ({ label: v, description: v === spec.defaultValue ? 'default' : v === q.remembered ? 'last used' : undefined }));
    if (q.previousAvailable) items.unshift({ label: KEEP_PREVIOUS });
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: spec.description ?? spec.key, ignoreFocusOut: true });
    if (!pick) return undefined;
    return pick.label === KEEP_PREVIOUS ? { usePrevious: true } : { value: pick.label };
  }
  const keepHint = q.previousAvailable ? ' Leave empty to keep the deployed value.' : '';
  const value = await vscode.window.showInputBox({
    title,
    prompt: `${spec.description ?? spec.type}${spec.constraintDescription ? ` (${spec.constraintDescription})` : ''}.${keepHint}`,
    password: spec.noEcho,
    value: spec.noEcho ? '' : q.remembered ?? spec.defaultValue ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v === '' && q.previousAvailable ? undefined : parameterProblem(spec, v)),
  });
  if (value === undefined) return undefined;
  return value === '' && q.previousAvailable ? { usePrevious: true } : { value };
}
