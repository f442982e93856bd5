import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { describeTarget } from '../../engine/deploy/aws-target';
import { mapAwsError } from '../../engine/deploy/map-aws-error';
import { isOurs, listStacks } from '../../engine/deploy/stack-reader';
import { StackStatus } from '../../engine/deploy/stack-status';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha stacks [options]

Lists the CloudFormation stacks in a region: the ones this toolkit deployed first (marked *).

Options:
  --profile P          AWS profile
  --region R           AWS region
  --endpoint-url URL   a local endpoint (moto, LocalStack)
  --ours               only stacks deployed by this toolkit
  --json               machine-readable output`;

export const stacksCommand: CliCommand = {
  name: 'stacks',
  summary: 'List CloudFormation stacks, the toolkit\'s first',
  usage,
  async run(args, context) {
    const { values } = parseCommandArgs('stacks', args, {
      profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
      ours: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    });
    const target = resolveTarget({ profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context.env);
    const clients = createAwsClientFactory(target, context.logger);
    let stacks;
    try {
      stacks = await listStacks(clients.cloudFormation(), context.signal);
    } catch (error) {
      throw mapAwsError(error, target, 'listing stacks');
    }
    if (values.ours) stacks = stacks.filter(isOurs);
    if (values.json) {
      context.out(JSON.stringify(stacks.map((s) => ({ name: s.StackName, status: s.StackStatus, ours: isOurs(s), updated: s.LastUpdatedTime ?? s.CreationTime })), null, 2) + '\n');
      return ExitCode.ok;
    }
    context.err(`${describeTarget(target)}: ${stacks.length} stack(s)\n`);
    const width = Math.max(10, ...stacks.map((s) => (s.StackName ?? '').length));
    for (const s of stacks) {
      const status = StackStatus.of(s.StackStatus);
      context.out(`${isOurs(s) ? '*' : ' '} ${(s.StackName ?? '').padEnd(width)}  ${status.name.padEnd(24)} ${status.statusClass}\n`);
    }
    return ExitCode.ok;
  },
};
