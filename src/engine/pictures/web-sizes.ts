import { at } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { TemplateValues } from '../cost/template-values';

/** Min / desired / max of the web tier's group as deployed with the parameters' defaults (or given values). */
export function webSizes(model: TemplateModel, asgLogicalId: string, parameters: Record<string, string> = {}): { min?: number; desired?: number; max?: number } {
  const values = new TemplateValues(model, parameters);
  const props = model.resource(asgLogicalId)?.properties;
  return { min: values.number(at(props, ['MinSize'])), desired: values.number(at(props, ['DesiredCapacity'])), max: values.number(at(props, ['MaxSize'])) };
}
