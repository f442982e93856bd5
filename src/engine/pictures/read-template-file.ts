import * as fs from 'node:fs';
import { MhaError } from '../common/errors';
import { decodeTemplateBytes } from '../template/decode';
import { MAX_TEMPLATE_BYTES } from '../template/parse';
import { TemplateModel } from '../template/template-model';

/** One template from disk for a picture: refused with the reason when it cannot be one. */
export function readTemplateFile(file: string): TemplateModel {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new MhaError('io', `Cannot read '${file}'.`, { nextStep: 'Check the path: name a CloudFormation template (YAML or JSON).' });
  }
  if (!stat.isFile()) throw new MhaError('io', `'${file}' is not a file.`, { nextStep: 'Name a CloudFormation template (YAML or JSON).' });
  if (stat.size > MAX_TEMPLATE_BYTES) throw new MhaError('io', `'${file}' is larger than CloudFormation's 1 MB template limit.`, { nextStep: 'Split it into nested stacks.' });
  const decoded = decodeTemplateBytes(fs.readFileSync(file));
  if (!decoded.ok) throw new MhaError('io', `'${file}': ${decoded.reason}`);
  const model = TemplateModel.parse(file, decoded.text);
  if (!model.isCloudFormation) throw new MhaError('usage', `'${file}' is not a CloudFormation template.`, { nextStep: 'Name a template with a Resources section.' });
  return model;
}
