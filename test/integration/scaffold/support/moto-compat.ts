/**
 * moto implements part of CloudFormation (ENVIRONMENT.md). To create our stacks there, in long form:
 * - Aurora DBInstances are removed (moto answers HTTP 500);
 * - attributes of resources moto skips (DBCluster, ElastiCache, CodeDeploy, Secrets Manager, SES) and
 *   attributes it does not model (MasterUserSecret.SecretArn) become a placeholder string, in GetAtt
 *   and in Fn::Sub; so do Refs to the skipped resources (moto makes them null, which breaks Fn::Sub);
 * - outputs that would read them are dropped;
 * - an RDS DBInstance's DBParameterGroupName is dropped: moto resolves the Ref to its own object, not
 *   the name, and then fails on it (AttributeError in DBInstance.is_default_parameter_group).
 * Everything else is sent as generated.
 */
const SKIPPED_TYPES = /^AWS::(ElastiCache|CodeDeploy|SES)::|^AWS::RDS::DBCluster$|^AWS::SecretsManager::Secret$/;
const UNMODELLED_ATTRIBUTES = new Set(['MasterUserSecret.SecretArn']);
export const PLACEHOLDER = 'moto-unsupported';

type Json = unknown;
interface Template { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>; Outputs?: Record<string, Json> }

export function motoCompatible(source: Template): { template: Template; removed: string[] } {
  const template = structuredClone(source);
  const removed: string[] = [];
  const unreadable = new Set<string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::RDS::DBInstance' && resource.Properties) delete resource.Properties.DBParameterGroupName;
    if (resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.DBClusterIdentifier) {
      delete template.Resources[id];
      removed.push(id);
      unreadable.add(id);
    } else if (SKIPPED_TYPES.test(resource.Type)) {
      unreadable.add(id);
    }
  }
  const readable = (id: string, attribute: string) => !unreadable.has(id) && !UNMODELLED_ATTRIBUTES.has(attribute);
  const fixSub = (text: string) => text
    .replace(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g, (m, id: string, attribute: string) => (readable(id, attribute) ? m : PLACEHOLDER))
    .replace(/\$\{([A-Za-z0-9]+)\}/g, (m, id: string) => (unreadable.has(id) ? PLACEHOLDER : m));
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const v = value as Record<string, Json>;
    const getAtt = v['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt) return readable(getAtt[0], getAtt[1]) ? v : PLACEHOLDER;
    if (typeof v.Ref === 'string' && unreadable.has(v.Ref)) return PLACEHOLDER;
    if ('Fn::Sub' in v) {
      const sub = v['Fn::Sub'];
      return { 'Fn::Sub': typeof sub === 'string' ? fixSub(sub) : [fixSub((sub as [string, Json])[0]), walk((sub as [string, Json])[1])] };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  template.Resources = walk(template.Resources) as Template['Resources'];
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    const fixed = walk(output);
    if (JSON.stringify(fixed).includes(PLACEHOLDER)) delete template.Outputs![key];
    else template.Outputs![key] = fixed;
  }
  return { template, removed };
}
