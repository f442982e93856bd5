import { GetAtt, Ref, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/** Shared moodledata: EFS (encrypted, backed up, retained, one mount target per AZ) or an existing NFS/GlusterFS export. */
export function storageSection(ctx: BuildContext): Section {
  const { options, azs } = ctx;
  if (options.storage.kind !== 'efs') {
    const what = options.storage.kind === 'nfs' ? 'NFS export' : 'GlusterFS volume';
    return {
      parameters: {
        SharedStorageEndpoint: { Type: 'String', Default: options.storage.endpoint, Description: `The existing ${what} for moodledata, as host:/path. It must be highly available itself and reachable from the app subnets.`, AllowedPattern: '^[A-Za-z0-9.-]+:/[A-Za-z0-9._/-]*$' },
      },
      resources: {},
      outputs: { SharedStorageEndpoint: output(`The ${what} mounted at /mnt/moodledata on every web server.`, Ref('SharedStorageEndpoint')) },
    };
  }
  const resources: Record<string, CfnValue> = {
    SharedFileSystem: {
      '//': 'Shared storage: moodledata (dataroot, cachedir, tempdir, backuptempdir) for every web server.\nRetain: deleting the stack must never delete the site\'s files.',
      Type: 'AWS::EFS::FileSystem',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Encrypted: true, PerformanceMode: 'generalPurpose', ThroughputMode: 'elastic',
        BackupPolicy: { Status: 'ENABLED' },
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
        FileSystemPolicy: TLS_ONLY_POLICY,
        FileSystemTags: tags('moodledata'),
      },
    },
  };
  for (const i of azs) {
    resources[`SharedFileSystemMountTarget${i}`] = {
      Type: 'AWS::EFS::MountTarget',
      Properties: { FileSystemId: Ref('SharedFileSystem'), SubnetId: Ref(`DataSubnet${i}`), SecurityGroups: [GetAtt('StorageSecurityGroup', 'GroupId')] },
    };
  }
  return { resources, outputs: { SharedFileSystemId: output('The EFS file system holding moodledata.', Ref('SharedFileSystem')) } };
}

/**
 * Only TLS clients (the web servers mount with amazon-efs-utils' tls option): a plain NFS mount is
 * refused by EFS itself. A file system policy replaces EFS's default one, so the Allow keeps what the
 * default grants (mount, write, root) to clients that come through a mount target.
 */
const TLS_ONLY_POLICY: CfnValue = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ClientsThroughMountTargets', Effect: 'Allow', Principal: { AWS: '*' },
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
      Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    },
    { Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
};

/** Resources the web servers must wait for before they boot and mount. */
export function storageDependencies(ctx: BuildContext): string[] {
  return ctx.options.storage.kind === 'efs' ? ctx.azs.map((i) => `SharedFileSystemMountTarget${i}`) : [];
}
