import { isAurora, isPostgres, type DatabaseEngineOption } from '../options';
import { GetAtt, GetAZs, Ref, Select, type CfnValue } from './intrinsics';
import { subnetIds } from './network';
import { databasePort } from './security-groups';
import { output, tags, type BuildContext, type Section } from './section';

/** Versions that every supported Moodle (4.5 to 5.1) accepts. */
const ENGINE_VERSIONS: Record<DatabaseEngineOption, string> = {
  'aurora-mysql': '8.0.mysql_aurora.3.08.2',
  'aurora-postgresql': '16.6',
  mysql: '8.4.5',
  mariadb: '10.11.13',
  postgres: '16.9',
};

/** Moodle's $CFG->dbtype for each engine. */
export const MOODLE_DBTYPE: Record<DatabaseEngineOption, string> = {
  'aurora-mysql': 'auroramysql', 'aurora-postgresql': 'pgsql', mysql: 'mysqli', mariadb: 'mariadb', postgres: 'pgsql',
};

/** The database: Aurora with a writer and a reader in different AZs, or RDS Multi-AZ. Password in Secrets Manager. */
export function databaseSection(ctx: BuildContext): Section {
  const { options } = ctx;
  const engine = options.database.engine;
  const aurora = isAurora(engine);
  const parameters: Record<string, CfnValue> = {
    DatabaseInstanceClass: { Type: 'String', Default: options.database.instanceClass, Description: 'DB instance class (for Aurora: of the writer and the reader).', AllowedPattern: '^db\\.[a-z0-9]+\\.[a-z0-9]+$' },
    DatabaseEngineVersion: { Type: 'String', Default: ENGINE_VERSIONS[engine], Description: `${engine} version; Moodle 4.5–5.1 need PostgreSQL 15+, MySQL 8.4, MariaDB 10.11 or Aurora MySQL 8.0.` },
    DatabaseBackupRetentionDays: { Type: 'Number', Default: options.database.backupRetentionDays, MinValue: 1, MaxValue: 35, Description: 'Days of automated backups and point-in-time restore.' },
    DatabaseMasterUsername: { Type: 'String', Default: 'moodleadmin', AllowedPattern: '^[a-zA-Z][a-zA-Z0-9_]{0,15}$', Description: 'Master user; its password is generated and kept in Secrets Manager.' },
  };
  const common = {
    DBSubnetGroupName: Ref('DatabaseSubnetGroup'),
    StorageEncrypted: true,
    DeletionProtection: true,
    CopyTagsToSnapshot: true,
    BackupRetentionPeriod: Ref('DatabaseBackupRetentionDays'),
    PreferredBackupWindow: '01:00-02:00',
    PreferredMaintenanceWindow: 'sun:03:00-sun:04:00',
    MasterUsername: Ref('DatabaseMasterUsername'),
    ManageMasterUserPassword: true,
    EngineVersion: Ref('DatabaseEngineVersion'),
    Engine: engine,
    Port: databasePort(options),
  };
  const resources: Record<string, CfnValue> = {
    DatabaseSubnetGroup: {
      '//': 'Database: Multi-AZ, encrypted, backed up; a snapshot is taken when the stack is deleted.',
      Type: 'AWS::RDS::DBSubnetGroup',
      Properties: { DBSubnetGroupDescription: 'Moodle database (data subnets)', SubnetIds: subnetIds('Data', ctx), Tags: tags('db') },
    },
  };
  const outputs: Record<string, CfnValue> = {};
  if (aurora) {
    resources.DatabaseCluster = {
      Type: 'AWS::RDS::DBCluster', DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot',
      Properties: { ...common, DatabaseName: 'moodle', VpcSecurityGroupIds: [GetAtt('DatabaseSecurityGroup', 'GroupId')], Tags: tags('db') },
    };
    // Writer and reader pinned to different AZs: a failover promotes the reader in the other AZ.
    ['DatabaseWriter', 'DatabaseReader'].forEach((id, index) => {
      resources[id] = {
        Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
        Properties: {
          DBClusterIdentifier: Ref('DatabaseCluster'), Engine: engine, DBInstanceClass: Ref('DatabaseInstanceClass'),
          AvailabilityZone: Select(index, GetAZs()), PromotionTier: index, PubliclyAccessible: false, Tags: tags(index === 0 ? 'db-writer' : 'db-reader'),
        },
      };
    });
    outputs.DatabaseEndpoint = output('Database writer endpoint (follows failover).', GetAtt('DatabaseCluster', 'Endpoint.Address'));
    outputs.DatabaseReaderEndpoint = output('Database reader endpoint.', GetAtt('DatabaseCluster', 'ReadEndpoint.Address'));
    outputs.DatabasePort = output('Database port.', GetAtt('DatabaseCluster', 'Endpoint.Port'));
    outputs.DatabaseSecretArn = output('Secrets Manager secret with the master user and password.', GetAtt('DatabaseCluster', 'MasterUserSecret.SecretArn'));
  } else {
    parameters.DatabaseAllocatedStorage = { Type: 'Number', Default: options.database.allocatedStorageGiB, MinValue: 20, MaxValue: 65536, Description: 'Database storage in GiB (grows automatically up to 4x).' };
    // DBInstance takes its port as a string, DBCluster as a number.
    resources.Database = {
      Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot',
      Properties: {
        ...common, Port: String(databasePort(options)), DBName: 'moodle', MultiAZ: true, DBInstanceClass: Ref('DatabaseInstanceClass'),
        AllocatedStorage: Ref('DatabaseAllocatedStorage'), MaxAllocatedStorage: 65536, StorageType: 'gp3', PubliclyAccessible: false,
        VPCSecurityGroups: [GetAtt('DatabaseSecurityGroup', 'GroupId')], Tags: tags('db'),
      },
    };
    outputs.DatabaseEndpoint = output('Database endpoint (Multi-AZ: follows failover).', GetAtt('Database', 'Endpoint.Address'));
    outputs.DatabasePort = output('Database port.', GetAtt('Database', 'Endpoint.Port'));
    outputs.DatabaseSecretArn = output('Secrets Manager secret with the master user and password.', GetAtt('Database', 'MasterUserSecret.SecretArn'));
  }
  return { parameters, resources, outputs };
}

/** Lines of /etc/moodle-ha/moodle.env (inside the user data's Fn::Sub) and the variables they use. */
export function databaseEnv(ctx: BuildContext): { lines: string[]; vars: Record<string, CfnValue> } {
  const engine = ctx.options.database.engine;
  const id = isAurora(engine) ? 'DatabaseCluster' : 'Database';
  return {
    lines: [
      `MOODLE_DB_TYPE=${MOODLE_DBTYPE[engine]}`,
      'MOODLE_DB_HOST=${DatabaseHost}',
      `MOODLE_DB_PORT=${isPostgres(engine) ? 5432 : 3306}`,
      'MOODLE_DB_NAME=moodle',
      'MOODLE_DB_SECRET_ARN=${DatabaseSecretArn}',
    ],
    vars: { DatabaseHost: GetAtt(id, 'Endpoint.Address'), DatabaseSecretArn: GetAtt(id, 'MasterUserSecret.SecretArn') },
  };
}

export function databaseSecretArn(ctx: BuildContext): CfnValue {
  return GetAtt(isAurora(ctx.options.database.engine) ? 'DatabaseCluster' : 'Database', 'MasterUserSecret.SecretArn');
}
