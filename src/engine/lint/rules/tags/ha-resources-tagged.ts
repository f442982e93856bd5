import { asString, at, isSeq } from '../../../template/nodes';
import type { ResourceView, TemplateModel } from '../../../template/template-model';
import type { HaTopology } from '../../../topology/types';
import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { appendToList, block, insertKey } from '../fixes/yaml-edit';

const REQUIRED = ['project', 'environment'];

/** Where each HA resource type keeps its tags (EFS calls them FileSystemTags). */
const TAG_PROPERTY: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Tags',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Tags',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'Tags',
  'AWS::AutoScaling::AutoScalingGroup': 'Tags',
  'AWS::EFS::FileSystem': 'FileSystemTags',
  'AWS::RDS::DBCluster': 'Tags',
  'AWS::RDS::DBInstance': 'Tags',
  'AWS::ElastiCache::ReplicationGroup': 'Tags',
  'AWS::ElastiCache::CacheCluster': 'Tags',
  'AWS::ElastiCache::ServerlessCache': 'Tags',
  'AWS::CodeDeploy::Application': 'Tags',
};

export const haResourcesTagged = defineRule({
  id: 'MHA6101',
  name: 'ha-resources-tagged',
  category: 'tags',
  defaultSeverity: 'info',
  description: 'Every resource of the HA parts carries project and environment tags, for cost reports per site and for finding what a stack owns.',
  check({ model, topology, report }) {
    for (const resource of haResources(model, topology)) {
      const property = TAG_PROPERTY[resource.type];
      const tags = at(resource.properties, [property]);
      const keys = isSeq(tags) ? tags.items.map((t) => asString(at(t, ['Key']))?.toLowerCase()) : [];
      const missing = REQUIRED.filter((k) => !keys.includes(k));
      if (!missing.length) continue;
      const items = missing.map((key) => tagItem(model, resource, key));
      const edit = tags
        ? appendToList(model, [...resource.path, 'Properties', property], items)
        : insertKey(model, [...resource.path, 'Properties'], property, block(...items.flatMap((lines) => lines.map((l, i) => (i === 0 ? '- ' : '  ') + l))));
      const fixes: QuickFix[] = edit ? [{ title: 'Add project and environment tags', edits: [edit] }] : [];
      report({
        path: tags ? [...resource.path, 'Properties', property] : resource.path, atKey: true,
        message: `${resource.logicalId} has no ${missing.join(' or ')} tag. Add ${property} with Key: project and Key: environment so costs and ownership can be traced per Moodle site.`,
        fixes,
      });
    }
  },
});

function haResources(model: TemplateModel, t: HaTopology): ResourceView[] {
  const ids = new Set<string>();
  if (t.loadBalancer.found) { ids.add(t.loadBalancer.logicalId); t.loadBalancer.targetGroupIds.forEach((id) => ids.add(id)); }
  if (t.webTier.found) ids.add(t.webTier.asgLogicalId);
  if (t.sharedStorage.found && t.sharedStorage.logicalId) ids.add(t.sharedStorage.logicalId);
  if (t.database.found && t.database.kind !== 'on-web-servers') t.database.logicalIds.forEach((id) => ids.add(id));
  if (t.sessionCache.found) ids.add(t.sessionCache.logicalId);
  if (t.code.found && t.code.codeDeployApplicationId) ids.add(t.code.codeDeployApplicationId);
  return model.resources().filter((r) => ids.has(r.logicalId) && TAG_PROPERTY[r.type]);
}

/** One tag as list-item lines; the value is the template's Project/Environment parameter when it has one. */
function tagItem(model: TemplateModel, resource: ResourceView, key: string): string[] {
  const params = model.section('Parameters')?.entries.map((e) => e.key) ?? [];
  const param = params.find((p) => p.toLowerCase() === key);
  const value = param ? `!Ref ${param}` : key === 'project' ? 'moodle' : 'production';
  const propagate = resource.type === 'AWS::AutoScaling::AutoScalingGroup' ? ['PropagateAtLaunch: true'] : [];
  return [`Key: ${key}`, `Value: ${value}`, ...propagate];
}
