import { MhaError } from '../../engine/common/errors';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { runSiteOperation, type SiteOperation, type SiteOperationMessage } from '../../engine/deploy/ops/site-operation';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { ask } from './deploy';

const usage = `Usage: moodle-ha site install|upgrade --stack NAME [options]

Runs one of the stack's site operations on ONE web server (its SSM documents, named by the
stack's InstallDocumentName / UpgradeDocumentName outputs) and follows it to the end. Ctrl-C
cancels the command on the instance.

  install   first install of Moodle's database, after the first deployment put the code on the
            servers; the admin password comes from Secrets Manager (AdminPasswordSecretArn)
  upgrade   after the deployment of a new Moodle release reached every server (the site is in
            maintenance until then): database snapshot, upgrade, purge caches, maintenance off.
            First asks every running web server which code it runs (CodeVersionDocumentName) and
            stops, changing nothing, unless all run the same version from the last successful
            deployment; it prints what it could not check

Both are safe to run twice.

Options:
  --stack NAME          the deployed stack
  --instance ID         the web server to run on (default: the longest-running one)
  --reset-partial       install only: drop the tables of a half-finished install first
  --profile P, --region R, --endpoint-url URL
  --poll SECONDS        how often to check progress (default 5)
  --yes                 do not ask before starting`;

export const siteCommand: CliCommand = {
  name: 'site',
  summary: 'Install or upgrade the Moodle site of a deployed stack (SSM on one web server)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('site', args, {
      stack: { type: 'string' }, instance: { type: 'string' }, 'reset-partial': { type: 'boolean', default: false },
      profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
      poll: { type: 'string', default: '5' }, yes: { type: 'boolean', default: false },
    });
    const operation = positionals[0];
    if (operation !== 'install' && operation !== 'upgrade') throw new MhaError('usage', `site needs install or upgrade (got ${operation ? `'${operation}'` : 'nothing'}).`, { nextStep: "Run 'moodle-ha site --help'." });
    if (positionals.length > 1) throw new MhaError('usage', `Unexpected argument '${positionals[1]}'.`, { nextStep: "Run 'moodle-ha site --help'." });
    if (!values.stack) throw new MhaError('usage', `site ${operation} needs --stack.`, { nextStep: "Run 'moodle-ha site --help'." });
    const poll = Number(values.poll);
    if (!Number.isFinite(poll) || poll < 0 || poll > 300) throw new MhaError('usage', `--poll must be a number of seconds from 0 to 300 (got '${values.poll}').`);
    const stackName = values.stack as string;
    const question = operation === 'install'
      ? `Install Moodle's database for ${stackName}${values['reset-partial'] ? ' (dropping an unfinished install first)' : ''}?`
      : `Upgrade ${stackName}'s Moodle database to the deployed code (snapshot first; the site is in maintenance meanwhile)?`;
    if (!values.yes && !(await ask(context, question))) return ExitCode.findings;

    const target = resolveTarget({ profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context.env);
    const outcome = await runSiteOperation(createAwsClientFactory(target, context.logger), {
      stackName, operation: operation as SiteOperation, instanceId: values.instance as string | undefined,
      resetPartial: values['reset-partial'] as boolean, signal: context.signal, pollIntervalMs: poll * 1000,
      emit: (m) => context.err(`${formatSiteMessage(m)}\n`),
    });
    if (outcome.output) context.out(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
    if (outcome.errorOutput) context.err(outcome.errorOutput.endsWith('\n') ? outcome.errorOutput : `${outcome.errorOutput}\n`);
    if (outcome.status === 'Success') {
      context.err(`site ${operation} finished on ${outcome.instanceId} (command ${outcome.commandId}).\n`);
      return ExitCode.ok;
    }
    context.err(`site ${operation} did not succeed: ${outcome.explanation}\n`);
    return ExitCode.findings;
  },
};

export function formatSiteMessage(m: SiteOperationMessage): string {
  switch (m.kind) {
    case 'target': return `Running ${m.document} on ${m.instanceId} (one of ${m.candidates} web server(s)).`;
    case 'sent': return `Command ${m.commandId} sent.`;
    case 'status': return `  ${m.status}${m.detail && m.detail !== m.status ? ` (${m.detail})` : ''}`;
    case 'cancelling': return `Cancelling command ${m.commandId} on the instance…`;
    case 'fleet': return [
      `All ${m.nodes.length} running web server(s) run code version ${m.codeVersion}${m.deployment ? ` from deployment ${m.deployment}` : ''}.`,
      ...m.notChecked.map((what) => `  Not checked: ${what}.`),
    ].join('\n');
    case 'fleet-unchecked': return `Not checked: ${m.reason}.`;
  }
}
