import { isAurora, isPostgres } from '../options';
import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { subnetIds } from './network';
import { RDS_CA_FILE } from './node-paths';
import { egressTo } from './security-group-egress';
import { databasePort } from './security-groups';
import { tags, type BuildContext } from './section';

/**
 * Creating Moodle's database user needs the master password; the web servers must never read it.
 * So a CodeBuild project inside the VPC does it: its role alone reads the master secret. Safe to run
 * again: the user is created when missing, its password reset to the app secret, its grants renewed.
 */
export function dbUserSetupResources(ctx: BuildContext): Record<string, CfnValue> {
  const engine = ctx.options.database.engine;
  const id = isAurora(engine) ? 'DatabaseCluster' : 'Database';
  const master = GetAtt(id, 'MasterUserSecret.SecretArn');
  return {
    DbUserSetupSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: Sub('${AWS::StackName} database user setup job'), VpcId: Ref('Vpc'),
        // CodeBuild's own API, its logs, Secrets Manager, dnf and the RDS CA bundle are all HTTPS.
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS out: AWS APIs, package mirrors, the RDS CA bundle' }],
        Tags: tags('db-user-setup'),
      },
    },
    DbUserSetupToDatabaseEgress: egressTo('DbUserSetupSecurityGroup', 'DatabaseSecurityGroup', databasePort(ctx.options), 'Database'),
    DbUserSetupRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{
          PolicyName: 'moodle-db-user-setup',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ReadMasterAndAppSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [master, Ref('DatabaseAppSecret')] },
              { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: Sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/*') },
              {
                Sid: 'RunInsideTheVpc', Effect: 'Allow',
                Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeDhcpOptions', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
                Resource: '*',
              },
              {
                Sid: 'AttachToAppSubnets', Effect: 'Allow', Action: 'ec2:CreateNetworkInterfacePermission',
                Resource: Sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*'),
                Condition: { StringEquals: { 'ec2:AuthorizedService': 'codebuild.amazonaws.com' } },
              },
            ],
          },
        }],
        Tags: tags('db-user-setup'),
      },
    },
    DbUserSetupProject: {
      '//': "Creates (or resets) Moodle's database user from DatabaseAppSecret: run once after the stack is created,\nand again whenever DatabaseAppSecret changes (aws codebuild start-build --project-name <DbUserSetupProject>).",
      Type: 'AWS::CodeBuild::Project',
      Properties: {
        Description: "Creates Moodle's own database user (least privilege; the master password is RDS-rotated)",
        ServiceRole: GetAtt('DbUserSetupRole', 'Arn'),
        Artifacts: { Type: 'NO_ARTIFACTS' },
        Environment: {
          Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
          EnvironmentVariables: [
            { Name: 'MASTER_SECRET_ARN', Value: master },
            { Name: 'APP_SECRET_ARN', Value: Ref('DatabaseAppSecret') },
            { Name: 'DB_HOST', Value: GetAtt(id, 'Endpoint.Address') },
            { Name: 'DB_PORT', Value: String(databasePort(ctx.options)) },
            { Name: 'DB_NAME', Value: 'moodle' },
          ],
        },
        Source: { Type: 'NO_SOURCE', BuildSpec: buildSpec(isPostgres(engine)) },
        VpcConfig: { VpcId: Ref('Vpc'), Subnets: subnetIds('App', ctx), SecurityGroupIds: [GetAtt('DbUserSetupSecurityGroup', 'GroupId')] },
        TimeoutInMinutes: 15,
        Tags: tags('db-user-setup'),
      },
    },
  };
}

/** Passwords travel in environment variables and stdin, never in argv. */
function buildSpec(postgres: boolean): string {
  const fetch = [
    'secret() { aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text; }',
    'MASTER_USER=$(secret "$MASTER_SECRET_ARN" | jq -r .username)',
    'APP_USER=$(secret "$APP_SECRET_ARN" | jq -r .username)',
    'APP_PASSWORD=$(secret "$APP_SECRET_ARN" | jq -r .password)',
    `curl -fsS --retry 5 -o ca.pem https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem`,
  ];
  const sql = postgres
    ? [
      'export PGPASSWORD=$(secret "$MASTER_SECRET_ARN" | jq -r .password)',
      'export APP_USER APP_PASSWORD',
      'psql "host=$DB_HOST port=$DB_PORT dbname=$DB_NAME user=$MASTER_USER sslmode=verify-full sslrootcert=ca.pem" -v ON_ERROR_STOP=1 <<\'SQL\'',
      // psql 15+ reads variables from the environment: the password never appears in argv.
      '\\getenv app APP_USER',
      '\\getenv pw APP_PASSWORD',
      "SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \\gexec",
      "ALTER ROLE :\"app\" WITH LOGIN PASSWORD :'pw';",
      'GRANT ALL PRIVILEGES ON DATABASE moodle TO :"app";',
      'ALTER DATABASE moodle OWNER TO :"app";',
      'GRANT ALL ON SCHEMA public TO :"app";',
      'SQL',
    ]
    : [
      'export MYSQL_PWD=$(secret "$MASTER_SECRET_ARN" | jq -r .password)',
      "printf \"CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY '%s' REQUIRE SSL;\\nALTER USER '%s'@'%%' IDENTIFIED BY '%s' REQUIRE SSL;\\nGRANT ALL PRIVILEGES ON \\`%s\\`.* TO '%s'@'%%';\\n\" \"$APP_USER\" \"$APP_PASSWORD\" \"$APP_USER\" \"$APP_PASSWORD\" \"$DB_NAME\" \"$APP_USER\" | mysql --ssl-ca=ca.pem --ssl-verify-server-cert -h \"$DB_HOST\" -P \"$DB_PORT\" -u \"$MASTER_USER\"",
    ];
  const client = postgres ? 'postgresql15' : 'mariadb105';
  const commands = (lines: string[]) => lines.map((l) => `      - |\n${l.split('\n').map((x) => `        ${x}`).join('\n')}`).join('\n');
  return [
    'version: 0.2',
    'env:',
    '  shell: bash',
    'phases:',
    '  install:',
    '    commands:',
    `      - dnf install -y ${client} jq`,
    '  build:',
    '    commands:',
    commands([[...fetch, ...sql].join('\n')]),
    `      - echo "database user ready (CA file on the web servers: ${RDS_CA_FILE})"`,
    '',
  ].join('\n');
}
