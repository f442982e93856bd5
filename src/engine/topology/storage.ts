import { asString, at, entry, toPlain } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { countSubnetAzs } from './availability-zones';
import { deletionPolicy, referencedIds, refTarget, refTargets } from './references';
import type { Known, Part, SharedStorageInfo, WebTierInfo } from './types';

/**
 * Shared moodledata: EFS (with its mount targets), or an NFS/GlusterFS share the template only
 * declares (a mount in user data or cfn-init metadata, or a parameter naming the server).
 */
export function deriveSharedStorage(model: TemplateModel, web: Part<WebTierInfo>): Part<SharedStorageInfo> {
  const bootText = web.found ? [web.userData, web.bootstrapMetadata].filter(Boolean).join('\n') : '';
  const bootRefs = web.found ? bootReferences(model, web) : new Set<string>();
  const systems = model.resourcesOfType('AWS::EFS::FileSystem');
  const fs = systems.find((s) => bootRefs.has(s.logicalId)) ?? systems[0];
  if (fs) return { found: true, ...readEfs(model, fs, web.found, bootRefs) };
  return declaredShare(model, bootText);
}

function readEfs(model: TemplateModel, fs: ResourceView, hasWebTier: boolean, bootRefs: Set<string>): SharedStorageInfo {
  const mountTargets = model.resourcesOfType('AWS::EFS::MountTarget').filter((m) => refTarget(at(m.properties, ['FileSystemId'])) === fs.logicalId);
  const subnets = { kind: 'seq' as const, range: fs.keyRange, items: mountTargets.map((m) => at(m.properties, ['SubnetId'])).filter((n) => n !== undefined) };
  const encryptedNode = at(fs.properties, ['Encrypted']);
  const encryptedText = asString(encryptedNode);
  const mounted = bootRefs.has(fs.logicalId) || mountTargets.some((m) => bootRefs.has(m.logicalId));
  return {
    kind: 'efs',
    logicalId: fs.logicalId,
    encrypted: encryptedNode === undefined ? false : encryptedText === undefined ? 'unknown' : /^true$/i.test(encryptedText),
    mountTargetCount: mountTargets.length,
    mountTargetAzCount: mountTargets.length ? countSubnetAzs(model, subnets) : 0,
    backupEnabled: backupEnabled(model, fs),
    deletionPolicy: deletionPolicy(fs.node),
    mountedByWebTier: hasWebTier ? mounted : 'unknown',
    path: fs.path,
    mountTargetIds: mountTargets.map((m) => m.logicalId),
    securityGroupIds: [...new Set(mountTargets.flatMap((m) => refTargets(at(m.properties, ['SecurityGroups']))))],
  };
}

/** Ids the launch template/configuration's user data and metadata mention. */
function bootReferences(model: TemplateModel, web: Extract<Part<WebTierInfo>, { found: true }>): Set<string> {
  // Every launch template/configuration an Fn::If can choose: "never mounts" must hold on each of them.
  const launchIds = web.launchAlternatives?.map((l) => l.logicalId) ?? [web.launchTemplateId ?? web.launchConfigurationId].filter((id): id is string => !!id);
  const ids = new Set<string>();
  for (const id of launchIds) {
    const launch = model.resource(id);
    if (!launch) continue;
    referencedIds(at(launch.properties, ['LaunchTemplateData', 'UserData']) ?? at(launch.properties, ['UserData']), ids);
    referencedIds(at(launch.node, ['Metadata']), ids);
  }
  return ids;
}

/** BackupPolicy ENABLED on the file system, or an AWS Backup selection that names it. */
function backupEnabled(model: TemplateModel, fs: ResourceView): Known<boolean> {
  const status = at(fs.properties, ['BackupPolicy', 'Status']);
  if (status) {
    const v = asString(status);
    if (v === undefined) return 'unknown';
    if (v.toUpperCase() === 'ENABLED') return true;
  }
  const selections = model.resourcesOfType('AWS::Backup::BackupSelection');
  return selections.some((s) => referencedIds(at(s.properties, ['BackupSelection'])).has(fs.logicalId));
}

const SHARE_MOUNT = /mount\s+(?:-\S+\s+)*-t\s+(nfs4?|glusterfs)\b|\s(nfs4?|glusterfs)\s+\S*(defaults|_netdev)|mount\.(nfs4?|glusterfs)|"fstype"\s*:\s*"(nfs4?|glusterfs)"/i;

function declaredShare(model: TemplateModel, bootText: string): Part<SharedStorageInfo> {
  const mount = bootText.match(SHARE_MOUNT);
  if (mount) {
    const type = (mount[1] ?? mount[2] ?? mount[3] ?? mount[4]).toLowerCase();
    return { found: true, ...share(type.startsWith('gluster') ? 'glusterfs' : 'nfs', true, 'a mount in the user data or cfn-init metadata') };
  }
  for (const e of model.section('Parameters')?.entries ?? []) {
    const kind = /gluster/i.test(e.key) ? 'glusterfs' : /\bnfs|nfs(server|host|endpoint|share|export|path)/i.test(e.key) ? 'nfs' : undefined;
    if (kind) return { found: true, ...share(kind, bootText.includes('${' + e.key + '}') ? true : 'unknown', `parameter ${e.key}`) };
  }
  const metadata = JSON.stringify(toPlain(entry(model.root, 'Metadata')?.value) ?? {});
  const inMetadata = metadata.match(/\b(glusterfs|nfs)\b/i);
  if (inMetadata) return { found: true, ...share(inMetadata[1].toLowerCase() === 'glusterfs' ? 'glusterfs' : 'nfs', 'unknown', 'template Metadata') };
  return { found: false, reason: 'No AWS::EFS::FileSystem, and no NFS or GlusterFS mount in user data, parameters or metadata.' };
}

function share(kind: 'nfs' | 'glusterfs', mounted: Known<boolean>, declaredBy: string): SharedStorageInfo {
  return { kind, encrypted: 'unknown', mountTargetCount: 0, mountTargetAzCount: 'unknown', backupEnabled: 'unknown', mountedByWebTier: mounted, declaredBy };
}
