import { deriveTopology } from '../topology/derive';
import type { TemplateModel } from '../template/template-model';
import { billableInventory } from './billable-inventory';
import { TemplateValues } from './template-values';

/** The EC2 instance types a template runs (web tier and any other instance), as the estimate prices them. */
export function templateInstanceTypes(model: TemplateModel, region: string, parameters: Record<string, string> = {}): string[] {
  const values = new TemplateValues(model, parameters, region);
  const topology = deriveTopology(model);
  const asg = topology.webTier.found ? model.resource(topology.webTier.asgLogicalId) : undefined;
  const inventory = billableInventory(model, values, asg);
  const types = [inventory.web?.instanceType, ...inventory.alwaysOn.filter((i) => i.family === 'ec2').map((i) => i.priceKey)];
  return [...new Set(types.filter((t): t is string => Boolean(t)))].sort();
}
