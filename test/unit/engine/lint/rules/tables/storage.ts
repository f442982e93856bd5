import { efsBackups } from '../../../../../../src/engine/lint/rules/storage/efs-backups';
import { efsEncrypted } from '../../../../../../src/engine/lint/rules/storage/efs-encrypted';
import { efsMountTargetPerAz } from '../../../../../../src/engine/lint/rules/storage/efs-mount-target-per-az';
import { sharedStorageMounted } from '../../../../../../src/engine/lint/rules/storage/shared-storage-mounted';
import { sharedStoragePresent } from '../../../../../../src/engine/lint/rules/storage/shared-storage-present';
import { sharedStorageRetained } from '../../../../../../src/engine/lint/rules/storage/shared-storage-retained';
import type { RuleTable } from '../rule-table';
import { EFS, MOUNT_EFS, stack, without } from './snippets';

const efsStack = (efs: string[] = EFS, userData = ['#!/bin/bash', ...MOUNT_EFS]) => stack({ resources: efs, userData });
const ONE_MOUNT_TARGET = EFS.slice(0, EFS.indexOf('  MtB:'));

export const storageTables: RuleTable[] = [
  {
    rule: sharedStoragePresent,
    valid: [
      { name: 'EFS', template: efsStack() },
      { name: 'NFS mounted in user data', template: stack({ userData: ['#!/bin/bash', 'mount -t nfs4 -o hard 10.0.0.5:/export/moodledata /mnt/moodledata'] }) },
      { name: 'GlusterFS named by a parameter', template: stack({ parameters: ['  GlusterVolume:', '    Type: String'], userData: ['#!/bin/bash', 'mount -t glusterfs ${GlusterVolume} /mnt/moodledata'] }) },
      { name: 'GlusterFS in fstab', template: stack({ userData: ['#!/bin/bash', 'echo "gluster1:/moodle /mnt/moodledata glusterfs defaults,_netdev 0 0" >> /etc/fstab'] }) },
    ],
    invalid: [{ name: 'no shared file system', template: stack(), line: '  Web:', message: /No shared file system for moodledata/ }],
  },
  {
    rule: sharedStorageMounted,
    valid: [
      { name: 'user data mounts the EFS', template: efsStack() },
      { name: 'user data names a mount target', template: efsStack(EFS, ['#!/bin/bash', 'mount -t nfs4 ${MtA.IpAddress}:/ /mnt/moodledata']) },
    ],
    invalid: [{ name: 'user data never mentions it', template: efsStack(EFS, ['#!/bin/bash', 'mkdir -p /var/moodledata']), line: 'UserData', message: /never mentions Fs/ }],
  },
  {
    rule: efsEncrypted,
    valid: [{ name: 'encrypted', template: efsStack() }],
    invalid: [
      { name: 'Encrypted: false', template: efsStack(without(EFS, 'Encrypted', '      Encrypted: false')), line: 'Encrypted', message: /not encrypted at rest/, fixable: false },
      { name: 'Encrypted absent', template: efsStack(without(EFS, 'Encrypted')), line: '  Fs:', message: /Set Encrypted: true/ },
    ],
  },
  {
    rule: efsMountTargetPerAz,
    valid: [
      { name: 'a mount target per web AZ', template: efsStack() },
      { name: 'web tier in one AZ, one mount target', template: stack({ resources: ONE_MOUNT_TARGET, userData: MOUNT_EFS, asg: ["      MinSize: '2'", "      MaxSize: '4'", '      VPCZoneIdentifier: [!Ref SubnetA]', '      LaunchTemplate:', '        LaunchTemplateId: !Ref Lt', '        Version: 1'] }) },
    ],
    invalid: [
      { name: 'one mount target, two web AZs', template: efsStack(ONE_MOUNT_TARGET), line: '  Fs:', message: /mount targets in 1 AZ but the web tier spans 2/ },
      { name: 'no mount targets', template: efsStack(EFS.slice(0, EFS.indexOf('  MtA:'))), line: '  Fs:', message: /no AWS::EFS::MountTarget/ },
      {
        name: 'two mount targets in the same AZ',
        template: efsStack(without(EFS, 'SubnetId: !Ref SubnetB', '      SubnetId: !Ref SubnetA')),
        line: '  Fs:', message: /mount targets in 1 AZ/,
      },
    ],
  },
  {
    rule: efsBackups,
    valid: [
      { name: 'BackupPolicy ENABLED', template: efsStack() },
      {
        name: 'an AWS Backup selection names it',
        template: efsStack([...without(without(EFS, 'BackupPolicy'), 'Status: ENABLED'),
          '  Selection:', '    Type: AWS::Backup::BackupSelection', '    Properties:', '      BackupPlanId: !Ref Plan', '      BackupSelection:', '        SelectionName: moodledata', '        IamRoleArn: arn:aws:iam::123456789012:role/backup', '        Resources:', '          - !GetAtt Fs.Arn']),
      },
    ],
    invalid: [
      { name: 'no BackupPolicy', template: efsStack(without(without(EFS, 'BackupPolicy'), 'Status: ENABLED')), line: '  Fs:', message: /not backed up/, fixable: true },
      { name: 'BackupPolicy DISABLED', template: efsStack(without(EFS, 'Status: ENABLED', '        Status: DISABLED')), line: 'Status: DISABLED', message: /not backed up/, fixable: true },
    ],
  },
  {
    rule: sharedStorageRetained,
    valid: [{ name: 'Retain', template: efsStack() }],
    invalid: [
      { name: 'no DeletionPolicy', template: efsStack(without(without(EFS, 'DeletionPolicy'), 'UpdateReplacePolicy')), line: '  Fs:', message: /Delete \(the default\): deleting the stack deletes moodledata/, fixable: true },
      { name: 'DeletionPolicy Delete', template: efsStack(without(EFS, 'DeletionPolicy', '    DeletionPolicy: Delete')), line: 'DeletionPolicy: Delete', message: /DeletionPolicy Delete:/, fixable: true },
    ],
  },
];
