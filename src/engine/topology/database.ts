import { asBoolean, asNumber, asString, at, entry, intrinsicName, isMap, isSeq, type TNode } from '../template/nodes';
import { branches } from './conditions';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { deletionPolicy, parameter, refTarget, refTargets } from './references';
import { renderText } from './user-data';
import type { DatabaseEngine, DatabaseInfo, Known, Part, WebTierInfo } from './types';

/**
 * Moodle's database: an Aurora or Multi-AZ DB cluster, an RDS instance, or (the anti-pattern)
 * a server the web instances install for themselves.
 */
export function deriveDatabase(model: TemplateModel, web: Part<WebTierInfo>): Part<DatabaseInfo> {
  const clusters = model.resourcesOfType('AWS::RDS::DBCluster');
  const instances = model.resourcesOfType('AWS::RDS::DBInstance');
  if (clusters[0]) return { found: true, ...readCluster(model, clusters[0], instances) };
  const primary = instances.find((i) => !at(i.properties, ['SourceDBInstanceIdentifier']) && !at(i.properties, ['DBClusterIdentifier']));
  if (primary) return { found: true, ...readInstance(model, primary) };
  if (web.found && web.installedDatabasePackage) return { found: true, ...onWebServers(web) };
  return { found: false, reason: 'No AWS::RDS::DBCluster or AWS::RDS::DBInstance, and the user data installs no database server.' };
}

function readCluster(model: TemplateModel, cluster: ResourceView, instances: ResourceView[]): DatabaseInfo {
  const p = cluster.properties;
  const members = instances.filter((i) => refTarget(at(i.properties, ['DBClusterIdentifier'])) === cluster.logicalId);
  const engines = enginesOf(at(p, ['Engine']));
  const engine = engines[0];
  // Engine: !If [UsePostgreSQL, aurora-postgresql, aurora-mysql] is Aurora on every branch.
  const aurora = engines.every((e) => e.startsWith('aurora'));
  const serverlessV1 = asString(at(p, ['EngineMode'])) === 'serverless';
  // A non-Aurora DB cluster (DBClusterInstanceClass) is the three-node Multi-AZ deployment by design.
  const multiAz: Known<boolean> = aurora ? (serverlessV1 ? false : members.length >= 2) : at(p, ['DBClusterInstanceClass']) ? true : members.length >= 2;
  return {
    kind: aurora ? 'aurora' : 'rds',
    engine,
    family: familyOf(engine),
    ...(engines.length > 1 ? { engineAlternatives: engines } : {}),
    logicalIds: [cluster.logicalId, ...members.map((m) => m.logicalId)],
    multiAz,
    instanceCount: members.length,
    ...common(model, cluster),
    serverlessV1: serverlessV1 || undefined,
  };
}

function readInstance(model: TemplateModel, instance: ResourceView): DatabaseInfo {
  const engines = enginesOf(at(instance.properties, ['Engine']));
  const engine = engines[0];
  const multiAzNode = at(instance.properties, ['MultiAZ']);
  return {
    kind: 'rds',
    engine,
    family: familyOf(engine),
    ...(engines.length > 1 ? { engineAlternatives: engines } : {}),
    logicalIds: [instance.logicalId],
    multiAz: multiAzNode === undefined ? false : asBoolean(multiAzNode) ?? 'unknown',
    instanceCount: 1,
    ...common(model, instance),
  };
}

/** What the cluster (Aurora) or the instance (RDS) carries alike. */
function common(model: TemplateModel, r: ResourceView) {
  const p = r.properties;
  const passwordNode = at(p, ['MasterUserPassword']);
  const password = passwordSource(model, p, passwordNode);
  return {
    // CloudFormation's defaults: one day of backups, no encryption, no deletion protection.
    backupRetentionDays: orDefault(at(p, ['BackupRetentionPeriod']), asNumber, 1),
    storageEncrypted: orDefault(at(p, ['StorageEncrypted']), asBoolean, false),
    deletionProtection: orDefault(at(p, ['DeletionProtection']), asBoolean, false),
    // CloudFormation snapshots a DB cluster, and a DB instance outside a cluster, unless told otherwise.
    deletionPolicy: deletionPolicy(r.node) ?? (entry(r.node, 'DeletionPolicy') ? undefined : 'Snapshot'),
    deletionPolicyIsDefault: entry(r.node, 'DeletionPolicy') ? undefined : true,
    passwordSource: password.source,
    path: r.path,
    passwordPath: passwordNode ? [...r.path, 'Properties', 'MasterUserPassword'] : undefined,
    passwordParameter: password.parameter,
    // A DBCluster names them VpcSecurityGroupIds, a DBInstance VPCSecurityGroups.
    securityGroupIds: refTargets(at(p, ['VpcSecurityGroupIds']) ?? at(p, ['VPCSecurityGroups'])),
  };
}

function orDefault<T>(node: TNode | undefined, read: (n: TNode) => T | undefined, fallback: T): Known<T> {
  if (node === undefined) return fallback;
  return read(node) ?? 'unknown';
}

function passwordSource(model: TemplateModel, props: TNode | undefined, node: TNode | undefined): { source: DatabaseInfo['passwordSource']; parameter?: DatabaseInfo['passwordParameter'] } {
  if (asBoolean(at(props, ['ManageMasterUserPassword'])) === true) return { source: 'secrets-manager' };
  if (!node) return { source: 'unknown' };
  const text = renderText(node) ?? '';
  if (/\{\{resolve:secretsmanager:/.test(text)) return { source: 'secrets-manager' };
  if (/\{\{resolve:ssm-secure:/.test(text)) return { source: 'dynamic-reference' };
  if (intrinsicName(node) === 'Ref') {
    const name = refTarget(node)!;
    const param = parameter(model, name);
    if (!param) return { source: 'unknown' };
    const info = { name, noEcho: param.noEcho, hasDefault: param.defaultNode !== undefined };
    if (info.hasDefault) return { source: 'parameter-default', parameter: info };
    return { source: info.noEcho ? 'parameter-noecho' : 'unknown', parameter: info };
  }
  if (isMap(node) || isSeq(node)) return { source: 'unknown' };
  return { source: 'literal' };
}

/** The engine on each branch of an `Fn::If` (one entry when it is a plain value), distinct. */
function enginesOf(node: TNode | undefined): DatabaseEngine[] {
  const all = branches(node).map((b) => engineOf(b.node));
  return [...new Set(all)];
}

function engineOf(node: TNode | undefined): DatabaseEngine {
  const v = asString(node)?.toLowerCase();
  if (!v) return 'unknown';
  if (v === 'aurora' || v === 'aurora-mysql') return 'aurora-mysql';
  if (v === 'aurora-postgresql') return 'aurora-postgresql';
  if (v === 'mysql' || v === 'mariadb' || v === 'postgres') return v;
  return 'unknown';
}

function familyOf(engine: DatabaseEngine): 'mysql' | 'postgres' {
  return engine === 'postgres' || engine === 'aurora-postgresql' ? 'postgres' : 'mysql';
}

function onWebServers(web: Extract<Part<WebTierInfo>, { found: true }>): DatabaseInfo {
  const pkg = web.installedDatabasePackage ?? '';
  const engine: DatabaseEngine = pkg.startsWith('postgres') ? 'postgres' : pkg.startsWith('mariadb') ? 'mariadb' : 'mysql';
  return {
    kind: 'on-web-servers', engine, family: familyOf(engine), logicalIds: [web.asgLogicalId], multiAz: false, instanceCount: 0,
    backupRetentionDays: 'unknown', storageEncrypted: 'unknown', deletionProtection: 'unknown', passwordSource: 'unknown',
    path: web.launchPath ?? web.asgPath,
  };
}
