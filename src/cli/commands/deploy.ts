import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { MhaError } from '../../engine/common/errors';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { describeTarget } from '../../engine/deploy/aws-target';
import { DeployState } from '../../engine/deploy/deploy-state';
import { deployStack } from '../../engine/deploy/deploy-stack';
import { formatDeployMessage, formatElapsed } from '../../engine/deploy/format-deploy-message';
import { parseParamArgs } from '../../engine/deploy/resolve-parameters';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { ValidatorPool } from '../../engine/lint/validator/validator-pool';
import { ExitCode, type CliCommand, type CliContext } from '../cli-command';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha deploy --stack NAME --template FILE [options]

Creates or updates a CloudFormation stack through a change set: lints the template, shows the
change set, asks before executing, then follows every resource to the end.

Options:
  --stack NAME              stack name
  --template FILE           CloudFormation template (YAML or JSON)
  --param K=V               parameter value (repeatable); others are remembered, previous or default
  --profile P               AWS profile (SSO profiles work)
  --region R                AWS region
  --endpoint-url URL        talk to a local endpoint (moto, LocalStack) instead of AWS
  --template-bucket B       S3 bucket for templates over 51,200 bytes
  --yes                     do not ask: execute the change set, create the template bucket
  --use-remembered          use the parameter values remembered from your last deploy of this stack
                            (kept per user, account and region in ~/.config/moodle-ha/)
  --allow-lint-errors       deploy even when the linter reports errors
  --no-validator            lint with the Moodle-HA rules only (faster, less thorough)

Exit code: 0 deployed or nothing to change, 1 failed or declined, 2 usage error, 130 cancelled.`;

export const deployCommand: CliCommand = {
  name: 'deploy',
  summary: 'Create or update a stack through a change set, with live progress',
  usage,
  async run(args, context) {
    const { values } = parseCommandArgs('deploy', args, {
      stack: { type: 'string' }, template: { type: 'string' }, param: { type: 'string', multiple: true },
      profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
      'template-bucket': { type: 'string' }, yes: { type: 'boolean', default: false }, 'use-remembered': { type: 'boolean', default: false },
      'allow-lint-errors': { type: 'boolean', default: false }, 'no-validator': { type: 'boolean', default: false },
    });
    if (!values.stack || !values.template) throw new MhaError('usage', 'deploy needs --stack and --template.', { nextStep: "Run 'moodle-ha deploy --help'." });
    const file = path.resolve(context.cwd, values.template as string);
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch { throw new MhaError('io', `Cannot read ${values.template}.`); }
    const target = resolveTarget({ profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context.env);
    const clients = createAwsClientFactory(target, context.logger);
    const yes = values.yes as boolean;
    context.err(`Deploying ${values.stack} (${describeTarget(target)})\n`);

    const validator = values['no-validator'] ? undefined : new ValidatorPool({ size: 1, logger: context.logger });
    const started = Date.now();
    let lastProgress = '';
    try {
      const outcome = await deployStack(clients, {
        stackName: values.stack as string, templateFile: file, templateText: text,
        parameters: parseParamArgs((values.param as string[] | undefined) ?? []),
        allowLintErrors: values['allow-lint-errors'] as boolean, validator, templateBucket: values['template-bucket'] as string | undefined,
        state: DeployState.forUser(context.env), useRemembered: values['use-remembered'] as boolean, signal: context.signal,
      }, {
        logger: context.logger,
        emit: (m) => {
          if (m.kind === 'progress') {
            const line = `  ${m.done}/${m.total} resources · ${formatElapsed(m.elapsedMs)}`;
            if (line !== lastProgress && m.done > 0) context.err(`${line}\n`);
            lastProgress = line;
            return;
          }
          const line = formatDeployMessage(m);
          // The change set is the command's result: stdout. Progress goes to stderr.
          if (line) (m.kind === 'changeSet' ? context.out : context.err)(`${line}\n`);
        },
        confirmChangeSet: () => (yes ? Promise.resolve(true) : ask(context, 'Execute this change set?')),
        confirmCreateBucket: (bucket) => (yes ? Promise.resolve(true) : ask(context, `Create S3 bucket ${bucket} (encrypted, public access blocked) for the template?`)),
        // Deleting a stack is never implied by --yes: it asks, or stops with the reason.
        confirmRecreate: (name, status) => ask(context, `Stack ${name} is ${status} and cannot be updated. Delete it and create it again?`),
        confirmContinueRollback: (name) => ask(context, `Stack ${name} is UPDATE_ROLLBACK_FAILED. Continue the rollback first?`),
      });
      switch (outcome.kind) {
        case 'noChanges': return ExitCode.ok;
        case 'declined': return ExitCode.findings;
        case 'failed':
          context.err(`Deploy of ${values.stack} failed: ${outcome.status}${outcome.cause ? `\n  ${outcome.cause.logicalId}: ${outcome.cause.reason}` : ''}\n`);
          return ExitCode.findings;
        case 'succeeded':
          context.out(`Stack ${values.stack}: ${outcome.status.name} in ${formatElapsed(Date.now() - started)}\n`);
          for (const o of outcome.outputs) context.out(`  ${o.OutputKey} = ${o.OutputValue}\n`);
          if (outcome.siteUrl) context.out(`Site: ${outcome.siteUrl}\n`);
          return ExitCode.ok;
      }
    } finally {
      await validator?.dispose();
      context.logger.debug(`AWS calls: ${JSON.stringify(clients.calls.byOperation())}`);
    }
  },
};

/** Asks on the terminal; without one, the answer is no (use --yes in scripts). */
export async function ask(context: CliContext, question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    context.err(`${question} [no terminal to ask on: answering no; pass --yes to agree]\n`);
    return false;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: context.signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
