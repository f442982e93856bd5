import type { CfnTemplate } from './cfn/build-template';

export interface ParameterEntry {
  ParameterKey: string;
  ParameterValue: string;
}

/**
 * infra/parameters.json: every parameter with the wizard's value, in the create-stack format that
 * `aws cloudformation deploy --parameter-overrides file://…` and our deployer both read.
 */
export function renderParametersFile(template: CfnTemplate): string {
  const entries: ParameterEntry[] = [];
  for (const [key, spec] of Object.entries(template.Parameters)) {
    const value = (spec as { Default?: unknown }).Default;
    if (value !== undefined) entries.push({ ParameterKey: key, ParameterValue: String(value) });
  }
  return JSON.stringify(entries, null, 2) + '\n';
}
