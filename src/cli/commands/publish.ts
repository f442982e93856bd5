import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { publishCode } from '../../engine/deploy/publish/publish-code';
import { formatPublishMessage, kb } from '../../engine/deploy/publish/format-publish-message';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { ask } from './deploy';

const usage = `Usage: moodle-ha publish --stack NAME --bundle DIR [options]

Zips the Moodle app bundle (code, config.php.template, appspec.yml, hooks), uploads it to the
pipeline's source bucket named in the stack's outputs, then follows the CodePipeline execution
and the CodeDeploy deployment on each instance.

Options:
  --stack NAME          the deployed stack (its outputs name SourceBucket and PipelineName)
  --bundle DIR          the app bundle folder (default: ./app)
  --profile P, --region R, --endpoint-url URL
  --no-follow           upload only
  --yes                 do not ask before uploading`;

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Publish Moodle code to the stack\'s pipeline and follow the deployment',
  usage,
  async run(args, context) {
    const { values } = parseCommandArgs('publish', args, {
      stack: { type: 'string' }, bundle: { type: 'string', default: 'app' }, profile: { type: 'string' }, region: { type: 'string' },
      'endpoint-url': { type: 'string' }, 'no-follow': { type: 'boolean', default: false }, yes: { type: 'boolean', default: false },
    });
    if (!values.stack) throw new MhaError('usage', 'publish needs --stack.', { nextStep: "Run 'moodle-ha publish --help'." });
    const target = resolveTarget({ profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context.env);
    const outcome = await publishCode(createAwsClientFactory(target, context.logger), {
      stackName: values.stack as string,
      bundleDir: path.resolve(context.cwd, values.bundle as string),
      follow: !values['no-follow'],
      signal: context.signal,
      emit: (m) => context.err(`${formatPublishMessage(m)}\n`),
      confirm: values.yes ? undefined : ({ files, zipBytes, noteworthy }) => ask(context, `Upload ${files} files (${kb(zipBytes)} zipped)${noteworthy.length ? `, including the ${noteworthy.length} dotfile(s)/possible dump(s) listed above` : ''}?`),
    });
    if (outcome.kind === 'declined') return ExitCode.findings;
    const release = outcome.release;
    if (!release) return ExitCode.ok;
    if (release.failure) context.err(`Hook ${release.failure.event} failed on ${release.failure.instanceId}: ${release.failure.message ?? ''}\n${release.failure.logTail ?? ''}\n`);
    context.out(`Pipeline ${outcome.target.pipelineName}: ${release.pipelineStatus}${release.deploymentStatus ? `, deployment ${release.deploymentId}: ${release.deploymentStatus}` : ''}\n`);
    return release.pipelineStatus === 'Succeeded' ? ExitCode.ok : ExitCode.findings;
  },
};
