import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CALENDAR_PRESETS, presetCalendar } from '../../../../src/engine/scaffold/calendar';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { HEALTH_FILE, HEALTH_PATH } from '../../../../src/engine/scaffold/cfn/node-paths';
import { resolveOptions, type ScaffoldOptionsInput } from '../../../../src/engine/scaffold/options';
import { planScaffold } from '../../../../src/engine/scaffold/plan';
import { renderReadme } from '../../../../src/engine/scaffold/readme';
import { validateOptions } from '../../../../src/engine/scaffold/validate-options';
import { ssmParameterProblems, undeclaredPlaceholders } from '../../../support/ssm-parameters';

/** Regression tests for the defects of shared/reviews/aws-architect.md, one block per review item. */
// The generated template read back as JSON: the assertions below are the checks of its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Res = { Type: string; Properties: Record<string, Json>; Condition?: string; CreationPolicy?: Json; UpdatePolicy?: Json; DependsOn?: string[] };
type Template = { Parameters: Record<string, Json>; Resources: Record<string, Res>; Outputs: Record<string, Json>; Conditions: Record<string, Json> };
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';
const build = (input: ScaffoldOptionsInput = {}) => toPlain(buildTemplate(resolveOptions(input)) as never) as Template;
const userData = (t: Template) => {
  const sub = t.Resources.WebLaunchTemplate.Properties.LaunchTemplateData.UserData['Fn::Base64']['Fn::Sub'] as [string, Record<string, unknown>];
  return { script: sub[0], vars: sub[1] };
};
const lineIndex = (script: string, pattern: RegExp) => script.split('\n').findIndex((l) => !l.trim().startsWith('#') && pattern.test(l));
const json = (v: unknown) => JSON.stringify(v);

describe('scaffold: the AWS review of the default stack (regressions)', () => {
  const t = build();
  const { script, vars } = userData(t);

  describe('B1 wwwroot', () => {
    it('the user data lower-cases the load balancer name before writing MOODLE_WWWROOT (run in bash)', function () {
      const start = lineIndex(script, /^wwwroot=/);
      const write = lineIndex(script, /MOODLE_WWWROOT=/);
      assert.ok(start >= 0 && write > start, 'wwwroot computed, then written');
      assert.equal(json(vars.SiteUrl), json({ 'Fn::Sub': 'http://${LoadBalancer.DNSName}' }));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-wwwroot-'));
      try {
        const env = path.join(dir, 'moodle.env');
        const lines = script.split('\n');
        const snippet = [lines[start], lines[write]].join('\n')
          .replace('${SiteUrl}', 'http://Moodle-LoadB-1GLWRR53AM4WG-1234.eu-west-1.elb.amazonaws.com').replace('/etc/moodle-ha/moodle.env', env);
        const run = spawnSync('bash', ['-euo', 'pipefail', '-c', snippet], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(fs.readFileSync(env, 'utf8'), 'MOODLE_WWWROOT=http://moodle-loadb-1glwrr53am4wg-1234.eu-west-1.elb.amazonaws.com\n');
      } finally { fs.rmSync(dir, { recursive: true, force: true }); }
    });
  });

  describe('B3/B4 health, install, upgrade', () => {
    it('the target group checks the static health file, which Apache and nginx serve outside the code', () => {
      assert.equal(t.Resources.WebTargetGroup.Properties.HealthCheckPath, HEALTH_PATH);
      assert.deepEqual(t.Resources.WebTargetGroup.Properties.Matcher, { HttpCode: '200' });
      assert.ok(script.includes(`echo '<?php echo "ok";' > ${HEALTH_FILE}`), 'a PHP ping without Moodle');
      assert.ok(script.includes(`Alias ${HEALTH_PATH} ${HEALTH_FILE}`));
      assert.ok(lineIndex(script, /health\.php$/) < lineIndex(script, /codedeploy-install auto/), 'health file before any code can arrive');
      const nginx = userData(build({ web: { server: 'nginx' } })).script;
      assert.ok(nginx.includes(`location = ${HEALTH_PATH} { include fastcgi_params; fastcgi_param SCRIPT_FILENAME ${HEALTH_FILE};`));
    });

    it('the admin password is generated in Secrets Manager and install/upgrade are SSM documents running the bundle\'s ops scripts', () => {
      const admin = t.Resources.AdminPasswordSecret;
      assert.equal(admin.Type, 'AWS::SecretsManager::Secret');
      assert.equal(admin.Properties.GenerateSecretString.GenerateStringKey, 'password');
      for (const [id, scriptName] of [['InstallDocument', 'install.sh'], ['UpgradeDocument', 'upgrade.sh']]) {
        const doc = t.Resources[id];
        assert.equal(doc.Type, 'AWS::SSM::Document');
        assert.equal(doc.Properties.DocumentType, 'Command');
        assert.ok(json(doc.Properties.Content).includes(`/opt/moodle-ha/ops/${scriptName}`), id);
      }
      for (const o of ['InstallDocumentName', 'UpgradeDocumentName', 'CodeVersionDocumentName', 'AdminPasswordSecretArn', 'DbUserSetupProject']) assert.ok(t.Outputs[o], o);
      assert.ok(script.includes('MOODLE_ADMIN_SECRET_ARN=${AdminPasswordSecret}'));
    });

    it('the install document declares ResetPartial (yes|no, default no) and every {{placeholder}} a document uses is declared', () => {
      const install = t.Resources.InstallDocument.Properties.Content;
      assert.deepEqual(install.parameters.ResetPartial.allowedValues, ['no', 'yes']);
      assert.equal(install.parameters.ResetPartial.default, 'no');
      assert.ok(install.mainSteps[0].inputs.runCommand.some((l: string) => l.includes('{{ResetPartial}}') && l.includes('install.sh --reset-partial')));
      assert.deepEqual(ssmParameterProblems(install, undefined), [], 'sendable without parameters');
      assert.deepEqual(ssmParameterProblems(install, { ResetPartial: ['yes'] }), [], 'what site install --reset-partial sends');
      assert.deepEqual(ssmParameterProblems(install, { ResetPartial: ['yes; rm -rf /'] }), ["ResetPartial=yes; rm -rf / is not one of no|yes"]);
      for (const id of ['InstallDocument', 'UpgradeDocument', 'CodeVersionDocument']) assert.deepEqual(undeclaredPlaceholders(t.Resources[id].Properties.Content), [], id);
    });

    it('the migration restore document runs migrate-restore.sh on the stack\'s own bucket and account; Prefix is checked by SSM before the shell sees it', () => {
      const doc = t.Resources.MigrateRestoreDocument;
      assert.equal(doc.Type, 'AWS::SSM::Document');
      const content = doc.Properties.Content;
      const line = json(content.mainSteps[0].inputs.runCommand);
      assert.match(line, /\/opt\/moodle-ha\/ops\/migrate-restore\.sh --bucket \$\{ArtifactBucket\} --prefix \\"\{\{Prefix\}\}\\" --account \$\{AWS::AccountId\}/);
      assert.deepEqual(undeclaredPlaceholders(content), []);
      assert.deepEqual(ssmParameterProblems(content, { Prefix: ['migrate/school-2026'] }), [], 'what migrate cutover sends');
      for (const bad of ['migrate/x"; rm -rf /', 'migrate/../../etc', 'other/prefix', 'migrate/$(id)']) assert.notDeepEqual(ssmParameterProblems(content, { Prefix: [bad] }), [], bad);
      assert.ok(t.Outputs.MigrateRestoreDocumentName);
      const statements = t.Resources.WebInstanceRole.Properties.Policies[0].PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];
      assert.deepEqual(statements.find((s) => s.Sid === 'ListArtifactBucket')?.Resource, { 'Fn::GetAtt': ['ArtifactBucket', 'Arn'] });
      assert.ok(!json(statements).includes('MasterUserSecret'), 'the web role still never reads the master secret');
    });

    it('the web role may snapshot the database before an upgrade (cluster for Aurora, instance for RDS)', () => {
      const statements = (r: Template) => r.Resources.WebInstanceRole.Properties.Policies[0].PolicyDocument.Statement as { Sid: string; Action: string[] }[];
      assert.ok(statements(t).find((s) => s.Sid === 'SnapshotBeforeUpgrade')!.Action.includes('rds:CreateDBClusterSnapshot'));
      assert.ok(statements(build({ database: { engine: 'postgres' } })).find((s) => s.Sid === 'SnapshotBeforeUpgrade')!.Action.includes('rds:CreateDBSnapshot'));
    });
  });

  describe('B2/M8 database user and TLS', () => {
    for (const engine of ['aurora-mysql', 'postgres'] as const) {
      it(`${engine}: the web role never reads the managed master secret; Moodle's own secret is generated; a CodeBuild job in the VPC alone reads the master`, () => {
        const tt = build({ database: { engine } });
        assert.ok(!json(tt.Resources.WebInstanceRole).includes('MasterUserSecret'), 'web role and master secret');
        assert.ok(!userData(tt).script.includes('MasterUserSecret') && !json(userData(tt).vars).includes('MasterUserSecret'), 'user data and master secret');
        assert.ok(userData(tt).script.includes('MOODLE_DB_SECRET_ARN=${DatabaseAppSecret}'));
        assert.equal(tt.Resources.DatabaseAppSecret.Properties.GenerateSecretString.GenerateStringKey, 'password');
        const setup = tt.Resources.DbUserSetupProject;
        assert.equal(setup.Type, 'AWS::CodeBuild::Project');
        assert.ok(setup.Properties.VpcConfig.Subnets.length >= 2);
        assert.ok(json(tt.Resources.DbUserSetupRole).includes('MasterUserSecret'));
        assert.ok(json(tt.Resources.DatabaseSecurityGroup).includes('DbUserSetupSecurityGroup'), 'the job may reach the database');
        const spec = setup.Properties.Source.BuildSpec as string;
        assert.match(spec, engine === 'postgres' ? /CREATE ROLE/ : /CREATE USER IF NOT EXISTS/);
        assert.doesNotMatch(spec, /-p\s*"?\$|--password[= ]|-v pw=|IDENTIFIED BY '\$/, 'no password on a command line');
        assert.match(spec, engine === 'postgres' ? /export PGPASSWORD=/ : /export MYSQL_PWD=/, 'the master password in the environment');
      });
    }

    it('the database refuses unencrypted connections and Moodle is told to use TLS with the RDS CA', () => {
      assert.deepEqual(t.Resources.DatabaseParameters.Properties.Parameters, { require_secure_transport: 'ON' });
      assert.deepEqual(build({ database: { engine: 'postgres' } }).Resources.DatabaseParameters.Properties.Parameters, { 'rds.force_ssl': '1' });
      assert.ok(script.includes('MOODLE_DB_TLS=1') && script.includes('MOODLE_DB_CA_FILE=/etc/pki/moodle-ha/rds-global-bundle.pem'));
      assert.ok(script.includes('truststore.pki.rds.amazonaws.com'));
    });
  });

  describe('M1/M10 boot', () => {
    it('the CodeDeploy agent starts last, after the mount, moodle.env and the web server; then the node signals', () => {
      const agent = lineIndex(script, /codedeploy-install auto/);
      for (const before of [/mountpoint -q/, /chmod 600 \/etc\/moodle-ha\/moodle.env/, /systemctl enable --now php-fpm/]) assert.ok(lineIndex(script, before) < agent, String(before));
      const lines = script.trim().split('\n');
      assert.equal(lines[lines.length - 1], 'signal 0');
      assert.ok(script.includes("trap 'signal 1' ERR"));
    });

    it('creation waits for signals, rolling updates too; PECL is pinned; a baked AMI can be given', () => {
      const asg = t.Resources.WebAutoScalingGroup;
      assert.deepEqual(asg.CreationPolicy.ResourceSignal.Count, { Ref: 'WebMinSize' });
      assert.equal(asg.UpdatePolicy.AutoScalingRollingUpdate.WaitOnResourceSignals, true);
      assert.equal(asg.UpdatePolicy.AutoScalingRollingUpdate.MinInstancesInService, 1, 'works when Min = Max');
      assert.match(script, /pecl install -f redis-\d+\.\d+\.\d+/);
      assert.match(userData(build({ cache: { engine: 'memcached' } })).script, /pecl install -f memcached-\d+\.\d+\.\d+/);
      assert.equal(t.Parameters.WebBakedAmiId.Default, '');
      assert.ok(json(t.Resources.WebLaunchTemplate.Properties.LaunchTemplateData.ImageId).includes('UseBakedAmi'));
    });
  });

  describe('M2 the school year', () => {
    const actions = (tt: Template) => Object.entries(tt.Resources).filter(([, r]) => r.Type === 'AWS::AutoScaling::ScheduledAction');

    it('scheduled actions set MinSize/MaxSize only, and stack updates keep their sizes', () => {
      assert.ok(actions(t).length > 0);
      for (const [id, r] of actions(t)) assert.equal(r.Properties.DesiredCapacity, undefined, id);
      assert.equal(t.Resources.WebAutoScalingGroup.UpdatePolicy.AutoScalingScheduledAction.IgnoreUnmodifiedGroupSizeProperties, true);
    });

    it('terms are dated windows: term actions run inside terms only, the holiday floor starts the day after each term and is lower than term nights', () => {
      const byId = Object.fromEntries(actions(t));
      // England & Wales preset: Autumn 1 runs 2 September to 23 October.
      assert.equal(byId.ScheduleTermTimeDayAutumn11.Properties.Recurrence, '0 7 2-31 9 *');
      assert.equal(byId.ScheduleTermTimeDayAutumn12.Properties.Recurrence, '0 7 1-23 10 *');
      assert.equal(byId.ScheduleHolidayAfterAutumn1.Properties.Recurrence, '0 6 24 10 *');
      assert.equal(byId.ScheduleHolidayAfterSummer2.Properties.Recurrence, '0 6 22 7 *');
      const nights = actions(t).filter(([id]) => id.startsWith('ScheduleTermTimeNight')).map(([, r]) => r.Properties.MinSize);
      const holiday = byId.ScheduleHolidayAfterAutumn1.Properties.MinSize;
      assert.ok(nights.every((n) => holiday < n), `holiday ${holiday} < nights ${nights}`);
      // No term action fires in the Christmas holiday (19 December to 4 January).
      for (const [id, r] of actions(t).filter(([x]) => x.startsWith('ScheduleTermTime'))) {
        const [, , days, months] = r.Properties.Recurrence.split(' ');
        if (months === '12') assert.ok(days !== '*' && Number(days.split('-')[1]) <= 18, `${id}: ${r.Properties.Recurrence}`);
        if (months === '1') assert.ok(days !== '*' && Number(days.split('-')[0]) >= 5, `${id}: ${r.Properties.Recurrence}`);
      }
      for (const [, r] of actions(t)) assert.equal(r.Properties.TimeZone, 'Europe/London');
    });

    it('exam boosts run inside the exam periods, after the term-day action', () => {
      const exams = actions(t).filter(([id]) => id.startsWith('ScheduleExamBoost'));
      assert.deepEqual(exams.map(([, r]) => r.Properties.Recurrence), ['15 7 10-31 5 *', '15 7 1-25 6 *']);
    });

    for (const id of Object.keys(CALENDAR_PRESETS) as (keyof typeof CALENDAR_PRESETS)[]) {
      it(`preset ${id} is a valid design in its time zone`, () => {
        const options = resolveOptions({ scaling: { timeZone: CALENDAR_PRESETS[id].timeZone, calendar: presetCalendar(id) } });
        assert.deepEqual(validateOptions(options), []);
        assert.ok(actions(toPlain(buildTemplate(options) as never) as Template).length > options.scaling.calendar.terms.length);
      });
    }

    it('without calendar terms the schedules run as their crons', () => {
      const tt = build({ scaling: { calendar: { preset: 'custom', terms: [], exams: [] } } });
      assert.deepEqual(actions(tt).map(([id, r]) => `${id} ${r.Properties.Recurrence}`), ['ScheduleTermTimeDay 0 7 * 1-4,9-12 1-5', 'ScheduleTermTimeNight 0 20 * 1-6,9-12 *', 'ScheduleHoliday 0 6 * 7,8 *', 'ScheduleExamBoost 15 7 * 5,6 1-5']);
    });
  });

  describe('M3/M4/m2 code delivery', () => {
    it('the S3 source does not poll: EventBridge on the uploaded key starts the pipeline', () => {
      const source = t.Resources.Pipeline.Properties.Stages[0].Actions[0];
      assert.equal(source.Configuration.PollForSourceChanges, false);
      assert.equal(t.Resources.ArtifactBucket.Properties.NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled, true);
      const rule = t.Resources.PipelineTrigger.Properties;
      assert.deepEqual(rule.EventPattern.detail.object.key, [{ Ref: 'SourceObjectKey' }]);
      assert.ok(json(rule.Targets[0].Arn).includes('${Pipeline}'));
      const cc = build({ code: { source: 'codecommit', codeCommitRepository: 'moodle-site' } });
      assert.equal(cc.Resources.Pipeline.Properties.Stages[0].Actions[0].Configuration.PollForSourceChanges, false);
      assert.ok(cc.Resources.PipelineTrigger);
    });

    it('a failed deployment never rolls back by itself, and scale-in runs the termination hook', () => {
      assert.deepEqual(t.Resources.DeploymentGroup.Properties.AutoRollbackConfiguration, { Enabled: false });
      assert.equal(t.Resources.DeploymentGroup.Properties.TerminationHookEnabled, true);
    });
  });

  describe('M6 observability', () => {
    it('alarms on the ALB, the database, both caches and EFS go to an SNS topic with an optional e-mail subscription', () => {
      const metrics = Object.values(t.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties.MetricName);
      for (const m of ['HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_5XX_Count', 'UnHealthyHostCount', 'CPUUtilization', 'DatabaseConnections', 'FreeableMemory', 'DatabaseMemoryUsagePercentage', 'Evictions', 'PercentIOLimit']) assert.ok(metrics.includes(m), m);
      assert.equal(t.Resources.AlarmEmailSubscription.Condition, 'HasAlarmEmail');
      for (const r of Object.values(t.Resources).filter((x) => x.Type === 'AWS::CloudWatch::Alarm')) assert.deepEqual(r.Properties.AlarmActions, [{ Ref: 'AlarmTopic' }]);
    });

    it('the CloudWatch agent ships boot, web server, PHP-FPM and Moodle cron logs; the ALB writes access logs', () => {
      for (const f of ['/var/log/moodle-ha-boot.log', '/var/log/httpd/error_log', '/var/log/php-fpm/www-error.log', '/var/log/moodle-ha/*.log']) assert.ok(script.includes(`"file_path":"${f}"`), f);
      assert.ok(script.includes('amazon-cloudwatch-agent-ctl -a fetch-config'));
      const attributes = t.Resources.LoadBalancer.Properties.LoadBalancerAttributes as { Key: string; Value: unknown }[];
      assert.equal(attributes.find((a) => a.Key === 'access_logs.s3.enabled')!.Value, 'true');
      assert.ok(t.Resources.LoadBalancer.DependsOn!.includes('AccessLogsBucketPolicy'));
    });
  });

  describe('M5/M7/M11 and minors', () => {
    it('moodle.env has every key of the issue-9 contract (coord/issue9.md)', () => {
      for (const key of ['MOODLE_WWWROOT', 'MOODLE_DB_SECRET_ARN', 'MOODLE_DB_TLS', 'MOODLE_DB_CA_FILE', 'MOODLE_MUC_REDIS_HOST', 'MOODLE_MUC_REDIS_PORT', 'MOODLE_MUC_REDIS_TLS', 'MOODLE_TRUSTED_PROXIES', 'MOODLE_ADMIN_SECRET_ARN', 'MOODLE_STACK_NAME', 'MOODLE_DB_CLUSTER_ID']) {
        assert.ok(script.includes(`${key}=`), key);
      }
      assert.ok(userData(build({ database: { engine: 'mysql' } })).script.includes('MOODLE_DB_INSTANCE_ID=${Database}'));
      assert.ok(json(vars.MailSettings).includes('MOODLE_SMTP_HOST=') && json(vars.MailSettings).includes('MOODLE_SMTP_SECRET_ARN=${SmtpCredentialsSecret}'));
      assert.equal(json(vars.TrustedProxies), json({ 'Fn::Join': [',', [{ Ref: 'PublicSubnet1Cidr' }, { Ref: 'PublicSubnet2Cidr' }]] }));
    });

    it('a separate Redis/Valkey application cache (MUC), also beside memcached sessions', () => {
      for (const engine of ['redis', 'valkey', 'memcached'] as const) {
        const muc = build({ cache: { engine } }).Resources.ApplicationCache;
        assert.equal(muc.Properties.Engine, engine === 'valkey' ? 'valkey' : 'redis');
        assert.equal(muc.Properties.TransitEncryptionEnabled, true);
      }
      assert.ok(json(build({ cache: { engine: 'memcached' } }).Resources.CacheSecurityGroup).includes('"FromPort":6379'));
    });

    it('mail: SES or a relay, credentials in a Secrets Manager secret, nothing when off', () => {
      const tt = build({ mail: { relay: 'ses' } });
      assert.equal(tt.Parameters.MailRelay.Default, 'ses');
      assert.equal(tt.Resources.SmtpCredentialsSecret.Condition, 'MailOn');
      assert.ok(json(tt.Resources.WebInstanceRole).includes('SmtpCredentialsSecret'));
      assert.ok(validateOptions(resolveOptions({ mail: { relay: 'smtp', smtpHost: '' } })).some((p) => p.field === 'mail.smtpHost'));
    });

    it('mail with SES: the stack creates the SES identity (the site\'s domain, verified by DKIM; else the sender address), and says what to do next', () => {
      const domain = build({ mail: { relay: 'ses' }, domain: { name: 'moodle.example.edu', certificateArn: CERT } });
      const identity = domain.Resources.MailIdentity;
      assert.equal(identity.Type, 'AWS::SES::EmailIdentity');
      assert.equal(identity.Condition, 'MailSesIdentityOn');
      assert.deepEqual(identity.Properties.EmailIdentity, { Ref: 'MailSesDomain' });
      assert.equal(domain.Parameters.MailSesDomain.Default, 'moodle.example.edu');
      assert.deepEqual(identity.Properties.DkimSigningAttributes, { NextSigningKeyLength: 'RSA_2048_BIT' }, 'Easy DKIM: SES makes the keys, the school adds 3 CNAMEs');
      assert.deepEqual(domain.Conditions.MailSesIdentityOn, { 'Fn::And': [{ 'Fn::Equals': [{ Ref: 'MailRelay' }, 'ses'] }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'MailSesDomain' }, ''] }] }] });
      for (const n of [1, 2, 3]) {
        assert.equal(json(domain.Outputs[`MailDkimRecord${n}`].Value), json({ 'Fn::Sub': `\${MailIdentity.DkimDNSTokenName${n}} CNAME \${MailIdentity.DkimDNSTokenValue${n}}` }));
        assert.equal(domain.Outputs[`MailDkimRecord${n}`].Condition, 'MailSesIdentityOn');
      }
      assert.match(json(domain.Outputs.MailNextSteps.Value), /MailDkimRecord CNAME records.*sandbox.*production access.*SmtpCredentialsSecretArn/);
      // A sender at another domain: that domain is the identity, so Moodle's From is covered.
      assert.equal(build({ mail: { relay: 'ses', noReplyAddress: 'noreply@example.edu' }, domain: { name: 'moodle.example.edu', certificateArn: CERT } }).Parameters.MailSesDomain.Default, 'example.edu');
      // No domain (the HTTP demo): the one no-reply address, verified by the link SES mails; no DKIM outputs for it.
      const address = build({ mail: { relay: 'ses', noReplyAddress: 'moodle-noreply@example.edu' } });
      assert.deepEqual(address.Resources.MailIdentity.Properties.EmailIdentity, { Ref: 'MailSesAddress' });
      assert.ok(!address.Resources.MailIdentity.Properties.DkimSigningAttributes);
      assert.equal(address.Parameters.MailSesAddress.Default, 'moodle-noreply@example.edu');
      assert.ok(!address.Outputs.MailDkimRecord1 && !address.Parameters.MailSesDomain);
      assert.match(json(address.Outputs.MailNextSteps.Value), /Follow the link SES mailed to \$\{MailSesAddress\}/);
      // The SMTP credentials stay in Secrets Manager: no parameter or output carries them.
      assert.ok(!/smtp(user|pass)/i.test(json(domain.Parameters)) && !json(domain.Outputs).includes('SecretString'));
      const problems = validateOptions(resolveOptions({ mail: { relay: 'ses' } }));
      assert.ok(problems.some((p) => p.field === 'mail.noReplyAddress' && /verified domain or address/.test(p.message)), json(problems));
    });

    it('mail with SES: the README gives the DKIM records, the sandbox and the SMTP credentials steps', () => {
      const readme = renderReadme(resolveOptions({ mail: { relay: 'ses' }, domain: { name: 'moodle.example.edu', certificateArn: CERT } }));
      assert.match(readme, /SES identity for `moodle\.example\.edu`/);
      assert.match(readme, /MailDkimRecord1`–`3`/);
      assert.match(readme, /aws sesv2 get-email-identity --email-identity moodle\.example\.edu/);
      assert.match(readme, /sandbox: it sends only to verified addresses/);
      assert.match(readme, /aws sesv2 put-account-details --production-access-enabled/);
      assert.match(readme, /put-secret-value --secret-id <SmtpCredentialsSecretArn>/);
      assert.match(renderReadme(resolveOptions({ mail: { relay: 'ses', noReplyAddress: 'a@example.edu' } })), /SES mails it a link/);
    });

    it('m4/m9 in transit: EFS refuses clients without TLS and is mounted with tls; Redis/Valkey sessions and MUC require TLS; memcached says why it cannot', () => {
      const statements = t.Resources.SharedFileSystem.Properties.FileSystemPolicy.Statement as Array<Record<string, unknown> & { Effect?: string; Action?: unknown; Condition?: Record<string, Record<string, unknown>> }>;
      const deny = statements.find((st) => st.Effect === 'Deny')!;
      assert.equal(deny.Action, '*');
      assert.deepEqual(deny.Condition, { Bool: { 'aws:SecureTransport': 'false' } });
      const allow = statements.find((st) => st.Effect === 'Allow')!;
      assert.deepEqual(allow.Condition, { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } }, 'the default policy\'s grant, kept for mount-target clients');
      assert.ok(script.includes('efs _netdev,noresvport,tls 0 0'), 'fstab mounts with amazon-efs-utils tls');
      for (const id of ['SessionCache', 'ApplicationCache']) assert.equal(t.Resources[id].Properties.TransitEncryptionEnabled, true, id);
      assert.ok(script.includes('MOODLE_SESSION_TLS=1') && script.includes('MOODLE_MUC_REDIS_TLS=1'));
      const memcached = build({ cache: { engine: 'memcached' } });
      assert.equal(memcached.Resources.SessionCache.Properties.TransitEncryptionEnabled, undefined, "Moodle's memcached session handler cannot speak TLS");
      assert.ok(userData(memcached).script.includes('MOODLE_SESSION_TLS=0'));
      assert.equal(build({ storage: { kind: 'nfs', endpoint: 'files.example.internal:/moodledata' } }).Resources.SharedFileSystem, undefined);
    });

    it('S3 gateway endpoint; port 443 only with an HTTPS listener; PHP 8.4 refused on AL2023', () => {
      assert.equal(t.Resources.S3GatewayEndpoint.Properties.VpcEndpointType, 'Gateway');
      assert.ok(!json(t.Resources.LoadBalancerSecurityGroup).includes('"FromPort":443'));
      assert.ok(json(build({ domain: { name: 'moodle.example.edu', certificateArn: CERT } }).Resources.LoadBalancerSecurityGroup).includes('"FromPort":443'));
      assert.ok(validateOptions(resolveOptions({ web: { phpVersion: '8.4' } })).some((p) => p.field === 'web.phpVersion' && /8\.3/.test(p.message)));
    });

    it('m8: moodle/code/README.md names the branch of the Moodle version asked for (5.1 had said MOODLE_500_STABLE)', () => {
      const codeReadme = (moodleVersion: '4.5' | '5.0' | '5.1') => planScaffold(resolveOptions({ web: { moodleVersion } })).files.find((f) => f.path === 'moodle/code/README.md')!.content;
      assert.match(codeReadme('5.1'), /-b MOODLE_501_STABLE /);
      assert.match(codeReadme('5.0'), /-b MOODLE_500_STABLE /);
      assert.match(codeReadme('4.5'), /-b MOODLE_405_STABLE /);
    });
  });
});
