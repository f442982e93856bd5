import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { lintTemplate } from '../../engine/lint/lint-template';
import { writePictureFile } from '../../engine/pictures/picture-file';
import { readTemplateFile } from '../../engine/pictures/read-template-file';
import { webSizes } from '../../engine/pictures/web-sizes';
import { deriveTopology } from '../../engine/topology/derive';
import { drawTopologySvg } from '../../engine/topology/draw/draw-topology-svg';
import { ExitCode, type CliCommand, type CliContext } from '../cli-command';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { mapAwsError } from '../../engine/deploy/map-aws-error';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { drawDeployedStack } from '../../engine/topology/draw/deployed-stack-picture';
import { classOf } from '../../engine/topology/draw/resource-status';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha topology <template> --out FILE [options]
       moodle-ha topology --stack NAME --out FILE [--region R] [--profile P] [--endpoint-url URL]

Draws what the template builds for Moodle: availability zones as columns, public / app / data tiers
as rows, the code pipeline beside them; missing parts as gaps with the rule that reports them, and
each Moodle-HA finding on its part.

Options:
  --out FILE        the picture (.svg or .html)
  --no-findings     draw the parts only (no lint)
  --stack NAME      a deployed stack instead: its template as CloudFormation holds it, each part
                    marked with its resources' status (✔ complete, ⟳ in progress, ✖ failed)
  --region R, --profile P, --endpoint-url URL   where the stack is (with --stack)`;

export const topologyCommand: CliCommand = {
  name: 'topology',
  summary: 'Draw a template\'s HA topology as a picture',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('topology', args, {
      out: { type: 'string' }, 'no-findings': { type: 'boolean', default: false },
      stack: { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
    });
    if (values.stack !== undefined) {
      if (positionals.length) throw new MhaError('usage', 'Name a template or --stack, not both.', { nextStep: "e.g. 'moodle-ha topology --stack moodle --out stack.svg'." });
      if (!values.out) throw new MhaError('usage', 'Name the picture to write with --out.', { nextStep: 'e.g. --out stack.svg (or .html).' });
      return drawStackCommand(values.stack as string, values.out as string, { profile: values.profile as string, region: values.region as string, endpointUrl: values['endpoint-url'] as string }, context);
    }
    if (positionals.length !== 1) throw new MhaError('usage', 'Name one template.', { nextStep: "e.g. 'moodle-ha topology infra/moodle-ha.yaml --out topology.svg'." });
    if (!values.out) throw new MhaError('usage', 'Name the picture to write with --out.', { nextStep: 'e.g. --out topology.svg (or .html).' });
    const model = readTemplateFile(path.resolve(context.cwd, positionals[0]));
    const topology = deriveTopology(model);
    const findings = values['no-findings'] ? [] : (await lintTemplate(model.uri, model.text, { signal: context.signal })).findings.filter((f) => f.source === 'Moodle HA' && f.ruleId !== 'MHA0000');
    const title = path.basename(positionals[0]);
    const sizes = topology.webTier.found ? webSizes(model, topology.webTier.asgLogicalId) : undefined;
    writePictureFile(path.resolve(context.cwd, values.out as string), drawTopologySvg(topology, { title, findings, webSizes: sizes }), title);
    const parts = (['loadBalancer', 'webTier', 'sharedStorage', 'database', 'sessionCache', 'code'] as const).map((k) => `${k} ${topology[k].found ? 'found' : 'missing'}`);
    context.out(`${values.out}: ${parts.join(', ')}; ${findings.length} Moodle-HA finding(s) drawn.\n`);
    return ExitCode.ok;
  },
};

async function drawStackCommand(stackName: string, out: string, choice: { profile?: string; region?: string; endpointUrl?: string }, context: CliContext): Promise<number> {
  const target = resolveTarget(choice, context.env);
  const clients = createAwsClientFactory(target, context.logger);
  let picture;
  try {
    picture = await drawDeployedStack(clients.cloudFormation(), stackName, { region: target.region, signal: context.signal });
  } catch (error) {
    throw mapAwsError(error, target, `reading stack ${stackName}`);
  }
  writePictureFile(path.resolve(context.cwd, out), picture.svg, `Stack ${stackName}`);
  const states = Object.values(picture.resources);
  const notComplete = states.filter((s) => classOf(s.status) !== 'complete').length;
  context.out(`${out}: stack ${stackName} ${picture.stackStatus}; ${states.length} resource(s), ${notComplete} not complete.\n`);
  return ExitCode.ok;
}
