import { MhaError } from '../../engine/common/errors';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { describeTarget } from '../../engine/deploy/aws-target';
import { executeDelete, planDelete } from '../../engine/deploy/delete-stack';
import { formatDeployMessage, formatElapsed } from '../../engine/deploy/format-deploy-message';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { ask } from './deploy';

const usage = `Usage: moodle-ha delete --stack NAME [options]

Deletes a stack after listing what it will leave behind (DeletionPolicy Retain or Snapshot).
Termination protection is respected.

Options:
  --stack NAME         the stack
  --profile P, --region R, --endpoint-url URL
  --yes                do not ask`;

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'Delete a stack (termination protection respected, retained resources listed)',
  usage,
  async run(args, context) {
    const { values } = parseCommandArgs('delete', args, {
      stack: { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
      yes: { type: 'boolean', default: false },
    });
    if (!values.stack) throw new MhaError('usage', 'delete needs --stack.', { nextStep: "Run 'moodle-ha delete --help'." });
    const target = resolveTarget({ profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context.env);
    const clients = createAwsClientFactory(target, context.logger);
    const plan = await planDelete(clients, values.stack as string, context.signal);
    context.out(`Stack ${plan.stackName} (${plan.status}) in ${describeTarget(target)}\n`);
    if (plan.retained.length) {
      context.out('These resources will be kept (and keep costing) after the stack is gone:\n');
      for (const r of plan.retained) context.out(`  ${r.logicalId} (${r.type}): DeletionPolicy ${r.policy}\n`);
    }
    if (!values.yes && !(await ask(context, `Delete stack ${plan.stackName}?`))) return ExitCode.findings;
    const result = await executeDelete(clients, plan, {
      signal: context.signal,
      emit: (m) => { const line = formatDeployMessage(m); if (line) context.err(`${line}\n`); },
    });
    if (!result.status.isDeleted) {
      context.err(`Delete failed: ${result.status}${result.firstFailure ? `\n  ${result.firstFailure.logicalId}: ${result.firstFailure.reason}` : ''}\n`);
      return ExitCode.findings;
    }
    context.out(`Deleted ${plan.stackName} in ${formatElapsed(result.elapsedMs)}.\n`);
    return ExitCode.ok;
  },
};
