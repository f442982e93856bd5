import { at, isSeq } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import type { TemplateValues } from './template-values';

export type Service = 'EC2' | 'EBS' | 'NAT gateways' | 'Load balancer' | 'Database' | 'Cache' | 'EFS' | 'Data transfer' | 'Secrets and alarms' | 'Firewall';

/** Something the stack bills for by the hour all month, or a fixed monthly amount. */
export interface AlwaysOnItem {
  service: Service;
  logicalId: string;
  /** What is billed, in words: "2 × db.r6g.large (Aurora)". */
  what: string;
  /** Price key within its family; undefined when the template does not say (an unknown Ref). */
  priceKey?: string;
  family: 'ec2' | 'aurora' | 'aurora-serverless' | 'rds' | 'elasticache' | 'nat' | 'alb' | 'secret' | 'alarm' | 'web-acl';
  /** How many of the priced unit run at once (instances, nodes, ACUs). */
  count: number;
  /** Storage billed per GB-month alongside it (RDS volumes). */
  storageGb?: number;
  /** Aurora Serverless v2: the cluster's minimum ACUs and its db.serverless instances (count = both multiplied). */
  serverless?: { minAcu: number; instances: number };
}

export interface BillableInventory {
  alwaysOn: AlwaysOnItem[];
  /** The web tier's instance type and root volume, billed per node-hour of the replay. */
  web?: { asgLogicalId: string; instanceType?: string; rootVolumeGb?: number };
  sharedFileSystems: string[];
  /** Aurora clusters present, for their storage. */
  auroraClusters: string[];
  /** Resources the estimate knows it does not price, with why. */
  notPriced: { logicalId: string; why: string }[];
}

/** Reads what the template bills for, once its parameters and conditions are resolved. */
export function billableInventory(model: TemplateModel, values: TemplateValues, webAsg?: ResourceView): BillableInventory {
  const exists = (r: ResourceView) => values.exists(r);
  const inventory: BillableInventory = { alwaysOn: [], sharedFileSystems: [], auroraClusters: [], notPriced: [] };
  const resources = model.resources().filter(exists);
  for (const r of resources) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::EC2::Instance':
        inventory.alwaysOn.push({ service: 'EC2', logicalId: r.logicalId, what: `1 × ${values.text(at(p, ['InstanceType'])) ?? 'm1.small'} instance`, family: 'ec2', priceKey: values.text(at(p, ['InstanceType'])) ?? 'm1.small', count: 1 });
        break;
      case 'AWS::EC2::NatGateway':
        inventory.alwaysOn.push({ service: 'NAT gateways', logicalId: r.logicalId, what: '1 NAT gateway', family: 'nat', count: 1 });
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const kind = values.text(at(p, ['Type'])) ?? 'application';
        if (kind === 'application') inventory.alwaysOn.push({ service: 'Load balancer', logicalId: r.logicalId, what: '1 Application Load Balancer', family: 'alb', count: 1 });
        else inventory.notPriced.push({ logicalId: r.logicalId, why: `a ${kind} load balancer is not in the price snapshot` });
        break;
      }
      case 'AWS::RDS::DBCluster':
        inventory.auroraClusters.push(r.logicalId);
        serverlessCapacity(model, r, values, inventory);
        break;
      case 'AWS::RDS::DBInstance': databaseInstance(r, values, inventory); break;
      case 'AWS::ElastiCache::ReplicationGroup': {
        const type = values.text(at(p, ['CacheNodeType']));
        const groups = values.number(at(p, ['NumNodeGroups']));
        const replicas = values.number(at(p, ['ReplicasPerNodeGroup']));
        const clusters = values.number(at(p, ['NumCacheClusters']));
        const count = groups !== undefined ? groups * ((replicas ?? 0) + 1) : clusters ?? 1;
        inventory.alwaysOn.push({ service: 'Cache', logicalId: r.logicalId, what: `${count} × ${type ?? '(type from a parameter)'} cache node(s)`, family: 'elasticache', priceKey: type, count });
        break;
      }
      case 'AWS::ElastiCache::CacheCluster': {
        const type = values.text(at(p, ['CacheNodeType']));
        const count = values.number(at(p, ['NumCacheNodes'])) ?? 1;
        inventory.alwaysOn.push({ service: 'Cache', logicalId: r.logicalId, what: `${count} × ${type ?? '(type from a parameter)'} cache node(s)`, family: 'elasticache', priceKey: type, count });
        break;
      }
      case 'AWS::ElastiCache::ServerlessCache':
        inventory.notPriced.push({ logicalId: r.logicalId, why: 'ElastiCache Serverless bills by data stored and ECPUs used, which the template does not say' });
        break;
      case 'AWS::EFS::FileSystem': inventory.sharedFileSystems.push(r.logicalId); break;
      case 'AWS::SecretsManager::Secret': inventory.alwaysOn.push({ service: 'Secrets and alarms', logicalId: r.logicalId, what: '1 secret', family: 'secret', count: 1 }); break;
      case 'AWS::WAFv2::WebACL': {
        // Each rule (a managed rule group counts as one) bills monthly on top of the web ACL.
        const rules = at(p, ['Rules']);
        const count = isSeq(rules) ? rules.items.length : 0;
        inventory.alwaysOn.push({ service: 'Firewall', logicalId: r.logicalId, what: `1 web ACL with ${count} rule(s)`, family: 'web-acl', count });
        break;
      }
      case 'AWS::CloudWatch::Alarm': inventory.alwaysOn.push({ service: 'Secrets and alarms', logicalId: r.logicalId, what: '1 alarm', family: 'alarm', count: 1 }); break;
    }
  }
  if (webAsg) inventory.web = { asgLogicalId: webAsg.logicalId, ...launchOf(model, values, webAsg) };
  return inventory;
}

function databaseInstance(r: ResourceView, values: TemplateValues, inventory: BillableInventory): void {
  const p = r.properties;
  const type = values.text(at(p, ['DBInstanceClass']));
  const inCluster = at(p, ['DBClusterIdentifier']) !== undefined;
  const engine = values.text(at(p, ['Engine'])) ?? '';
  if (inCluster || engine.startsWith('aurora')) {
    if (type === 'db.serverless') return; // billed by the cluster's ACUs
    inventory.alwaysOn.push({ service: 'Database', logicalId: r.logicalId, what: `1 × ${type ?? '(class from a parameter)'} (Aurora)`, family: 'aurora', priceKey: type, count: 1 });
    return;
  }
  const multiAz = values.flag(at(p, ['MultiAZ'])) === true;
  const storage = values.number(at(p, ['AllocatedStorage'])) ?? 20;
  inventory.alwaysOn.push({
    service: 'Database', logicalId: r.logicalId, what: `1 × ${type ?? '(class from a parameter)'} (RDS${multiAz ? ' Multi-AZ: primary + standby' : ''})`,
    family: 'rds', priceKey: type, count: multiAz ? 2 : 1, storageGb: storage * (multiAz ? 2 : 1),
  });
}

function serverlessCapacity(model: TemplateModel, r: ResourceView, values: TemplateValues, inventory: BillableInventory): void {
  const scaling = at(r.properties, ['ServerlessV2ScalingConfiguration']);
  if (!scaling) return;
  const min = values.number(at(scaling, ['MinCapacity'])) ?? 0.5;
  // Each db.serverless instance of the cluster (writer, readers) bills its own ACUs.
  const instances = model.resourcesOfType('AWS::RDS::DBInstance')
    .filter((i) => values.exists(i) && refTarget(at(i.properties, ['DBClusterIdentifier'])) === r.logicalId && values.text(at(i.properties, ['DBInstanceClass'])) === 'db.serverless').length || 1;
  inventory.alwaysOn.push({
    service: 'Database', logicalId: r.logicalId, what: `Aurora Serverless v2, ${instances} instance(s) at the floor of ${min} ACU each (more under load)`,
    family: 'aurora-serverless', count: min * instances, serverless: { minAcu: min, instances },
  });
}

function launchOf(model: TemplateModel, values: TemplateValues, asg: ResourceView): { instanceType?: string; rootVolumeGb?: number } {
  const templateId = refTarget(at(asg.properties, ['LaunchTemplate', 'LaunchTemplateId'])) ?? refTarget(at(asg.properties, ['LaunchTemplate', 'LaunchTemplateName']));
  const configId = refTarget(at(asg.properties, ['LaunchConfigurationName']));
  const launch = model.resource(templateId ?? configId ?? '');
  const data = launch?.type === 'AWS::EC2::LaunchTemplate' ? at(launch.properties, ['LaunchTemplateData']) : launch?.properties;
  const mappings = at(data, ['BlockDeviceMappings']);
  const firstVolume = isSeq(mappings) ? values.number(at(mappings.items[0], ['Ebs', 'VolumeSize'])) : undefined;
  return { instanceType: values.text(at(data, ['InstanceType'])), rootVolumeGb: firstVolume };
}

function refTarget(node: ReturnType<typeof at>): string | undefined {
  const target = at(node, ['Ref']);
  return target?.kind === 'scalar' && typeof target.value === 'string' ? target.value : undefined;
}
