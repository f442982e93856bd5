import { asBoolean, entry, intrinsicName, isMap, isScalar, type TMap, type TScalar } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import type { GenericCheck } from './generic-check';

/**
 * cfn-lint E3026: a Redis replication group whose parameter group (a Ref to one in the template)
 * turns cluster mode on (`cluster-enabled: 'yes'`) must not switch automatic failover off, and,
 * unless it sets NumNodeGroups, needs NumCacheClusters above one. Reported on
 * CacheParameterGroupName, as cfn-lint does. Only literal values are judged: where a value is an
 * `Fn::If`, a Ref, or a string where a number belongs, nothing is said (cfn-lint cannot compare
 * those either).
 */
export const cacheClusterMode: GenericCheck = {
  id: 'E3026',
  severity: 'error',
  description: 'A Redis replication group in cluster mode keeps automatic failover and has more than one node.',
  check(model, report) {
    for (const r of model.resourcesOfType('AWS::ElastiCache::ReplicationGroup')) {
      const groupName = entry(r.properties, 'CacheParameterGroupName');
      if (!groupName || intrinsicName(groupName.value) !== 'Ref' || !isMap(groupName.value)) continue;
      const target = groupName.value.entries[0].value;
      const group = isScalar(target) ? model.resource(String(target.value)) : undefined;
      if (!group || !clusterModeOn(model, group.properties)) continue;
      const at = { range: groupName.keyRange, path: [...r.path, 'Properties', 'CacheParameterGroupName'] };
      const numbers = nodeCountProblem(r.properties);
      if (numbers === 'cannot-judge') continue;
      if (asBoolean(entry(r.properties, 'AutomaticFailoverEnabled')?.value) === false) {
        report({ ...at, message: `'${r.logicalId}' uses cluster mode (parameter group '${group.logicalId}'), so AutomaticFailoverEnabled must be true or left out.` });
      }
      if (numbers === 'too-few') {
        report({ ...at, message: `'${r.logicalId}' uses cluster mode (parameter group '${group.logicalId}'): set NumNodeGroups, or NumCacheClusters above one.` });
      }
    }
  },
};

/** A literal `cluster-enabled: 'yes'` (in YAML quoted: a bare yes is a boolean to YAML 1.1, as cfn-lint reads it). */
function clusterModeOn(model: TemplateModel, properties: TMap | undefined): boolean {
  const inner = entry(properties, 'Properties')?.value;
  const value = isMap(inner) ? entry(inner, 'cluster-enabled')?.value : undefined;
  if (!isScalar(value) || value.value !== 'yes') return false;
  return model.isJson || isQuoted(model, value);
}

function isQuoted(model: TemplateModel, node: TScalar): boolean {
  const line = model.text.split('\n')[node.range.start.line] ?? '';
  return /['"]/.test(line[node.range.start.character] ?? '');
}

/**
 * Without NumNodeGroups, NumCacheClusters (0 when left out) must be above one. A NumCacheClusters
 * that is not a literal number then cannot be judged; cfn-lint gives up on the whole resource.
 */
function nodeCountProblem(properties: TMap | undefined): 'too-few' | 'fine' | 'cannot-judge' {
  const groups = entry(properties, 'NumNodeGroups')?.value;
  if (groups && !(isScalar(groups) && !groups.value)) return 'fine';
  const clusters = entry(properties, 'NumCacheClusters')?.value;
  if (!clusters) return 'too-few';
  if (!isScalar(clusters) || typeof clusters.value !== 'number') return 'cannot-judge';
  return clusters.value <= 1 ? 'too-few' : 'fine';
}
