import { auroraTwoInstances } from '../../../../../../src/engine/lint/rules/database/aurora-two-instances';
import { databaseBackupRetention } from '../../../../../../src/engine/lint/rules/database/database-backup-retention';
import { databaseDeletionProtection } from '../../../../../../src/engine/lint/rules/database/database-deletion-protection';
import { databaseNotOnWebServers } from '../../../../../../src/engine/lint/rules/database/database-not-on-web-servers';
import { databasePasswordSecret } from '../../../../../../src/engine/lint/rules/database/database-password-secret';
import { databaseStorageEncrypted } from '../../../../../../src/engine/lint/rules/database/database-storage-encrypted';
import { rdsMultiAz } from '../../../../../../src/engine/lint/rules/database/rds-multi-az';
import type { RuleTable } from '../rule-table';
import { AURORA, rds, RDS_PROPS, stack, without } from './snippets';

const only = (resources: string[], parameters?: string[]) => stack({ noWebTier: true, resources, parameters });
const withPassword = (line: string) => without(RDS_PROPS, 'ManageMasterUserPassword', line);

export const databaseTables: RuleTable[] = [
  {
    rule: databaseNotOnWebServers,
    valid: [
      { name: 'only client packages', template: stack({ userData: ['#!/bin/bash', 'dnf install -y mariadb105 php8.3-mysqlnd postgresql15'] }) },
      { name: 'database server mentioned outside an install', template: stack({ userData: ['#!/bin/bash', 'echo "no mysql-server here" > /tmp/note'] }) },
    ],
    invalid: [
      { name: 'dnf installs mariadb105-server', template: stack({ userData: ['#!/bin/bash', 'dnf install -y httpd mariadb105-server'] }), line: 'UserData', message: /installs mariadb105-server/ },
      { name: 'apt installs postgresql', template: stack({ userData: ['#!/bin/bash', 'apt-get install -y nginx postgresql'] }), line: 'UserData', message: /installs postgresql:/ },
    ],
  },
  {
    rule: rdsMultiAz,
    valid: [
      { name: 'MultiAZ true', template: only(rds()) },
      { name: 'Aurora (checked by MHA3003)', template: only(AURORA) },
      { name: 'MultiAZ from a parameter', template: only(rds(without(RDS_PROPS, 'MultiAZ', '      MultiAZ: !Ref Ha')), ['  Ha:', '    Type: String']) },
    ],
    invalid: [
      { name: 'MultiAZ false', template: only(rds(without(RDS_PROPS, 'MultiAZ', '      MultiAZ: false'))), line: 'MultiAZ', message: /single-AZ instance/, fixable: true },
      { name: 'MultiAZ absent', template: only(rds(without(RDS_PROPS, 'MultiAZ'))), line: '  Rds:', message: /Set MultiAZ: true/, fixable: true },
    ],
  },
  {
    rule: auroraTwoInstances,
    valid: [{ name: 'writer and reader', template: only(AURORA) }],
    invalid: [
      { name: 'writer only', template: only(AURORA.slice(0, AURORA.indexOf('  DbB:'))), line: '  Db:', message: /has 1 DB instance/ },
      {
        name: 'writer only, Engine chosen by !If between two Aurora engines: Aurora on every branch',
        template: only(AURORA.slice(0, AURORA.indexOf('  DbB:')).map((l) => l.replace('Engine: aurora-mysql', 'Engine: !If [Pg, aurora-postgresql, aurora-mysql]'))).replace('Resources:\n', "Conditions:\n  Pg: !Equals [!Ref 'AWS::Region', eu-west-1]\nResources:\n"),
        line: '  Db:', message: /Aurora cluster Db has 1 DB instance/,
      },
      { name: 'Serverless v1', template: only([...AURORA.slice(0, 6), '      EngineMode: serverless', ...AURORA.slice(6, AURORA.indexOf('  DbA:'))]), line: 'EngineMode', message: /Serverless v1/ },
    ],
  },
  {
    rule: databaseBackupRetention,
    valid: [{ name: '7 days', template: only(rds()) }, { name: '7 days on Aurora', template: only(AURORA) }],
    invalid: [
      { name: '1 day', template: only(rds(without(RDS_PROPS, 'BackupRetentionPeriod', '      BackupRetentionPeriod: 1'))), line: 'BackupRetentionPeriod', message: /for 1 day\. Set BackupRetentionPeriod/, fixable: true },
      { name: 'absent', template: only(rds(without(RDS_PROPS, 'BackupRetentionPeriod'))), line: '  Rds:', message: /\(the default\)/, fixable: true },
      { name: '3 days on Aurora', template: only(without(AURORA, 'BackupRetentionPeriod', '      BackupRetentionPeriod: 3')), line: 'BackupRetentionPeriod', message: /for 3 days/, fixable: true },
    ],
  },
  {
    rule: databaseStorageEncrypted,
    valid: [{ name: 'encrypted', template: only(rds()) }],
    invalid: [
      { name: 'StorageEncrypted false', template: only(rds(without(RDS_PROPS, 'StorageEncrypted', '      StorageEncrypted: false'))), line: 'StorageEncrypted', message: /unencrypted/, fixable: false },
      { name: 'absent on Aurora', template: only(without(AURORA, 'StorageEncrypted')), line: '  Db:', message: /Set StorageEncrypted: true/ },
    ],
  },
  {
    rule: databaseDeletionProtection,
    valid: [
      { name: 'DeletionProtection', template: only(rds()) },
      { name: 'DeletionPolicy Snapshot only', template: only(rds(without(RDS_PROPS, 'DeletionProtection'), ['    DeletionPolicy: Snapshot', '    UpdateReplacePolicy: Snapshot'])) },
      // CloudFormation's default DeletionPolicy for a DB instance outside a cluster (and a DB cluster) is Snapshot.
      { name: 'no DeletionPolicy written: the default snapshots the instance', template: only(rds(without(RDS_PROPS, 'DeletionProtection'))) },
      { name: 'Aurora cluster without DeletionPolicy: the default snapshots the cluster', template: only(AURORA.filter((l) => !/DeletionPolicy|UpdateReplacePolicy|DeletionProtection/.test(l))) },
    ],
    invalid: [
      { name: 'DeletionPolicy Delete', template: only(rds(without(RDS_PROPS, 'DeletionProtection'), ['    DeletionPolicy: Delete'])), line: 'DeletionPolicy: Delete', message: /DeletionPolicy Delete and no DeletionProtection/, fixable: true },
      { name: 'Aurora cluster with DeletionPolicy Delete', template: only(AURORA.map((l) => l.replace('DeletionPolicy: Snapshot', 'DeletionPolicy: Delete')).filter((l) => !/UpdateReplacePolicy|DeletionProtection/.test(l))), line: 'DeletionPolicy: Delete', message: /Db has DeletionPolicy Delete/, fixable: true },
    ],
  },
  {
    rule: databasePasswordSecret,
    valid: [
      { name: 'ManageMasterUserPassword', template: only(rds()) },
      { name: 'Secrets Manager dynamic reference', template: only(rds(withPassword("      MasterUserPassword: '{{resolve:secretsmanager:moodle-db:SecretString:password}}'"))) },
      { name: 'Sub of a Secrets Manager reference', template: only(rds(withPassword('      MasterUserPassword: !Sub "{{resolve:secretsmanager:${Secret}:SecretString:password}}"'))) },
    ],
    invalid: [
      { name: 'literal', template: only(rds(withPassword('      MasterUserPassword: Moodle-Pa55'))), line: 'MasterUserPassword', message: /written in the template/ },
      { name: 'parameter with Default', template: only(rds(withPassword('      MasterUserPassword: !Ref DbPassword')), ['  DbPassword:', '    Type: String', '    NoEcho: true', '    Default: changeme1']), line: 'MasterUserPassword', message: /DbPassword, which has a Default/ },
      { name: 'NoEcho parameter', template: only(rds(withPassword('      MasterUserPassword: !Ref DbPassword')), ['  DbPassword:', '    Type: String', '    NoEcho: true']), line: 'MasterUserPassword', message: /NoEcho parameter/, severity: 'info' },
      { name: 'plain parameter', template: only(rds(withPassword('      MasterUserPassword: !Ref DbPassword')), ['  DbPassword:', '    Type: String']), line: 'MasterUserPassword', message: /without NoEcho/, severity: 'warning' },
    ],
  },
];
