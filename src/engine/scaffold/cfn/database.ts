import { isAurora, isPostgres, type DatabaseEngineOption } from '../options';
import { databaseCapacitySchedules } from './database-capacity-schedule';
import { dbUserSetupResources } from './db-user-setup';
import { GetAtt, GetAZs, Ref, Select, Sub, type CfnValue } from './intrinsics';
import { subnetIds } from './network';
import { databasePort } from './security-groups';
import { RDS_CA_FILE } from './node-paths';
import { output, tags, type BuildContext, type Section } from './section';

/** Versions that every supported Moodle (4.5 to 5.1) accepts. */
const ENGINE_VERSIONS: Record<DatabaseEngineOption, string> = {
  'aurora-mysql': '8.0.mysql_aurora.3.08.2',
  'aurora-postgresql': '16.6',
  mysql: '8.4.5',
  mariadb: '10.11.13',
  postgres: '16.9',
};

/** Parameter group families of ENGINE_VERSIONS (a new major version needs a new family). */
const PARAMETER_FAMILIES: Record<DatabaseEngineOption, string> = {
  'aurora-mysql': 'aurora-mysql8.0', 'aurora-postgresql': 'aurora-postgresql16', mysql: 'mysql8.4', mariadb: 'mariadb10.11', postgres: 'postgres16',
};

/** Moodle's database user: its own secret, never rotated by RDS, read by the web servers. */
export const APP_SECRET = 'DatabaseAppSecret';

/** Moodle's $CFG->dbtype for each engine. */
export const MOODLE_DBTYPE: Record<DatabaseEngineOption, string> = {
  'aurora-mysql': 'auroramysql', 'aurora-postgresql': 'pgsql', mysql: 'mysqli', mariadb: 'mariadb', postgres: 'pgsql',
};

/** The database: Aurora with a writer and a reader in different AZs, or RDS Multi-AZ. Password in Secrets Manager. */
export function databaseSection(ctx: BuildContext): Section {
  const { options } = ctx;
  const engine = options.database.engine;
  const aurora = isAurora(engine);
  const serverless = aurora && options.database.serverless.enabled;
  const parameters: Record<string, CfnValue> = {
    ...(serverless ? {} : { DatabaseInstanceClass: { Type: 'String', Default: options.database.instanceClass, Description: 'DB instance class (for Aurora: of the writer and the reader).', AllowedPattern: '^db\\.[a-z0-9]+\\.[a-z0-9]+$' } }),
    DatabaseEngineVersion: { Type: 'String', Default: ENGINE_VERSIONS[engine], Description: `${engine} version; Moodle 4.5–5.1 need PostgreSQL 15+, MySQL 8.4, MariaDB 10.11 or Aurora MySQL 8.0.` },
    DatabaseBackupRetentionDays: { Type: 'Number', Default: options.database.backupRetentionDays, MinValue: 1, MaxValue: 35, Description: 'Days of automated backups and point-in-time restore.' },
    DatabaseMasterUsername: { Type: 'String', Default: 'moodleadmin', AllowedPattern: '^[a-zA-Z][a-zA-Z0-9_]{0,15}$', Description: 'Master user; its password is generated, kept and rotated by RDS in Secrets Manager. Moodle never uses it.' },
  };
  const postgres = isPostgres(engine);
  // Unencrypted connections are refused: Moodle connects with TLS and verifies the RDS CA.
  const tlsParameters = postgres ? { 'rds.force_ssl': '1' } : { require_secure_transport: engine === 'mysql' ? '1' : 'ON' };
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
    DatabaseParameters: aurora
      ? { Type: 'AWS::RDS::DBClusterParameterGroup', Properties: { Description: 'Moodle: TLS required', Family: PARAMETER_FAMILIES[engine], Parameters: tlsParameters, Tags: tags('db') } }
      : { Type: 'AWS::RDS::DBParameterGroup', Properties: { Description: 'Moodle: TLS required', Family: PARAMETER_FAMILIES[engine], Parameters: tlsParameters, Tags: tags('db') } },
    [APP_SECRET]: {
      '//': "Moodle's own database user (not the master, whose password RDS rotates every 7 days): created by DbUserSetupProject.",
      // Kept with the database's final snapshot: a restored database still has this user.
      Type: 'AWS::SecretsManager::Secret', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
      Properties: {
        Description: Sub("${AWS::StackName}: Moodle's database user"),
        GenerateSecretString: { SecretStringTemplate: '{"username":"moodle"}', GenerateStringKey: 'password', ExcludePunctuation: true, PasswordLength: 32 },
        Tags: tags('db'),
      },
    },
    ...dbUserSetupResources(ctx),
  };
  const outputs: Record<string, CfnValue> = {};
  if (aurora) {
    resources.DatabaseCluster = {
      Type: 'AWS::RDS::DBCluster', DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot',
      Properties: {
        ...common, DatabaseName: 'moodle', DBClusterParameterGroupName: Ref('DatabaseParameters'), VpcSecurityGroupIds: [GetAtt('DatabaseSecurityGroup', 'GroupId')],
        // The term floor; the holiday schedules lower it (database-capacity-schedule.ts).
        ...(serverless ? { ServerlessV2ScalingConfiguration: { MinCapacity: options.database.serverless.termMinAcu, MaxCapacity: options.database.serverless.maxAcu } } : {}),
        Tags: tags('db'),
      },
    };
    if (serverless) Object.assign(resources, databaseCapacitySchedules(ctx));
    // Writer and reader pinned to different AZs: a failover promotes the reader in the other AZ.
    ['DatabaseWriter', 'DatabaseReader'].forEach((id, index) => {
      resources[id] = {
        Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
        Properties: {
          DBClusterIdentifier: Ref('DatabaseCluster'), Engine: engine, DBInstanceClass: serverless ? 'db.serverless' : Ref('DatabaseInstanceClass'),
          AvailabilityZone: Select(index, GetAZs()), PromotionTier: index, PubliclyAccessible: false, Tags: tags(index === 0 ? 'db-writer' : 'db-reader'),
        },
      };
    });
    outputs.DatabaseEndpoint = output('Database writer endpoint (follows failover).', GetAtt('DatabaseCluster', 'Endpoint.Address'));
    outputs.DatabaseReaderEndpoint = output('Database reader endpoint.', GetAtt('DatabaseCluster', 'ReadEndpoint.Address'));
    outputs.DatabasePort = output('Database port.', GetAtt('DatabaseCluster', 'Endpoint.Port'));
  } else {
    parameters.DatabaseAllocatedStorage = { Type: 'Number', Default: options.database.allocatedStorageGiB, MinValue: 20, MaxValue: 65536, Description: 'Database storage in GiB (grows automatically up to 4x).' };
    // DBInstance takes its port as a string, DBCluster as a number.
    resources.Database = {
      Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot',
      Properties: {
        ...common, Port: String(databasePort(options)), DBName: 'moodle', DBParameterGroupName: Ref('DatabaseParameters'), MultiAZ: true, DBInstanceClass: Ref('DatabaseInstanceClass'),
        AllocatedStorage: Ref('DatabaseAllocatedStorage'), MaxAllocatedStorage: 65536, StorageType: 'gp3', PubliclyAccessible: false,
        VPCSecurityGroups: [GetAtt('DatabaseSecurityGroup', 'GroupId')], Tags: tags('db'),
      },
    };
    outputs.DatabaseEndpoint = output('Database endpoint (Multi-AZ: follows failover).', GetAtt('Database', 'Endpoint.Address'));
    outputs.DatabasePort = output('Database port.', GetAtt('Database', 'Endpoint.Port'));
  }
  outputs.DatabaseMasterSecretArn = output('The master user (RDS rotates it; only DbUserSetupProject reads it).', databaseMasterSecretArn(ctx));
  outputs.DatabaseAppSecretArn = output("Moodle's own database user.", Ref(APP_SECRET));
  outputs.DbUserSetupProject = output("CodeBuild project that creates Moodle's database user (aws codebuild start-build --project-name <this>).", Ref('DbUserSetupProject'));
  return { parameters, resources, outputs };
}

/** Lines of /etc/moodle-ha/moodle.env (inside the user data's Fn::Sub) and the variables they use. */
export function databaseEnv(ctx: BuildContext): { lines: string[]; vars: Record<string, CfnValue> } {
  const engine = ctx.options.database.engine;
  const aurora = isAurora(engine);
  const id = aurora ? 'DatabaseCluster' : 'Database';
  return {
    lines: [
      `MOODLE_DB_TYPE=${MOODLE_DBTYPE[engine]}`,
      'MOODLE_DB_HOST=${DatabaseHost}',
      `MOODLE_DB_PORT=${isPostgres(engine) ? 5432 : 3306}`,
      'MOODLE_DB_NAME=moodle',
      `MOODLE_DB_SECRET_ARN=\${${APP_SECRET}}`,
      'MOODLE_DB_TLS=1',
      `MOODLE_DB_CA_FILE=${RDS_CA_FILE}`,
      aurora ? 'MOODLE_DB_CLUSTER_ID=${DatabaseCluster}' : 'MOODLE_DB_INSTANCE_ID=${Database}',
    ],
    vars: { DatabaseHost: GetAtt(id, 'Endpoint.Address') },
  };
}

/** The RDS-managed master secret: rotated by RDS, read only by the DB user job. */
export function databaseMasterSecretArn(ctx: BuildContext): CfnValue {
  return GetAtt(isAurora(ctx.options.database.engine) ? 'DatabaseCluster' : 'Database', 'MasterUserSecret.SecretArn');
}
