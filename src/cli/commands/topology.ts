import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { lintTemplate } from '../../engine/lint/lint-template';
import { writePictureFile } from '../../engine/pictures/picture-file';
import { readTemplateFile } from '../../engine/pictures/read-template-file';
import { webSizes } from '../../engine/pictures/web-sizes';
import { deriveTopology } from '../../engine/topology/derive';
import { drawTopologySvg } from '../../engine/topology/draw/draw-topology-svg';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha topology <template> --out FILE [options]

Draws what the template builds for Moodle: availability zones as columns, public / app / data tiers
as rows, the code pipeline beside them; missing parts as gaps with the rule that reports them, and
each Moodle-HA finding on its part.

Options:
  --out FILE        the picture (.svg or .html)
  --no-findings     draw the parts only (no lint)`;

export const topologyCommand: CliCommand = {
  name: 'topology',
  summary: 'Draw a template\'s HA topology as a picture',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('topology', args, { out: { type: 'string' }, 'no-findings': { type: 'boolean', default: false } });
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
