import * as fs from 'node:fs/promises';
import { MhaError } from '../../common/errors';
import { TemplateModel } from '../../template/template-model';
import { deriveTopology } from '../../topology/derive';
import type { HaTopology } from '../../topology/types';
import type { AwsBehaviour } from '../aws/aws-behaviour';
import { readAwsBehaviour } from '../aws/read-aws-behaviour';

const none = (reason: string) => ({ found: false as const, reason });

/** No template: every part missing, so the planner uses its HA-shaped defaults. */
export function emptyTopology(reason = 'no template given'): HaTopology {
  return { loadBalancer: none(reason), webTier: none(reason), sharedStorage: none(reason), database: none(reason), sessionCache: none(reason), code: none(reason) };
}

/** Reads a CloudFormation template and derives its HaTopology. */
export async function topologyFromTemplate(file: string): Promise<HaTopology> {
  return (await readTemplateForReplica(file)).topology;
}

/** The template's HaTopology and the AWS behaviours the replica imitates (health check, Auto Scaling, CodeDeploy, secrets). */
export async function readTemplateForReplica(file: string): Promise<{ topology: HaTopology; aws: AwsBehaviour }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new MhaError('io', `Cannot read the template '${file}': ${(error as Error).message}`);
  }
  const model = TemplateModel.parse(file, text);
  if (!model.root) {
    throw new MhaError('template.parse', `'${file}' is not a readable CloudFormation template.`, { nextStep: `Run 'moodle-ha lint ${file}' to see why.` });
  }
  if (!model.isCloudFormation) {
    throw new MhaError('usage', `'${file}' is not a CloudFormation template, so there is no stack to plan a replica from.`, { nextStep: 'Name a template with a Resources section (AWS:: types), or leave the template out for the HA defaults.' });
  }
  return { topology: deriveTopology(model), aws: readAwsBehaviour(model, file) };
}
