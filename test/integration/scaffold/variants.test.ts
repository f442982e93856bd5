import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { lintFiles } from '../../../src/engine/lint/lint-files';
import { haRules } from '../../../src/engine/lint/rules';
import { ValidatorPool } from '../../../src/engine/lint/validator/validator-pool';
import { buildTemplate } from '../../../src/engine/scaffold/cfn/build-template';
import { isAurora, resolveOptions } from '../../../src/engine/scaffold/options';
import { planScaffold, TEMPLATE_FILE } from '../../../src/engine/scaffold/plan';
import { allVariants, templateVariants, type Variant } from '../../../src/engine/scaffold/variants';
import { writePlan } from '../../../src/engine/scaffold/write-plan';
import { toPlain } from '../../../src/engine/template/nodes';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { runCfnLint, runCfnLintSplit } from './support/cfn-lint';
import { cfnLintBudgetMs, cfnLintProcesses, motoBudgetMs } from './support/matrix-budget';
import { motoCompatible } from './support/moto-compat';
import { MotoServer, xmlValues } from './support/moto-server';
import { pairwiseCover } from './support/pairwise';

/**
 * cfn-lint findings we accept, each with the reason. Empty today: every variant is clean.
 * (Informational findings are not counted; errors never are allowed.)
 */
const CFN_LINT_WARNING_ALLOWLIST: { rule: string; why: string }[] = [];

/**
 * The only HA rules that may fire: in HTTP-only demo mode the HTTPS rules must say so — that is the
 * "loudly" of demo mode. Any other HA rule firing on a scaffolded stack is a bug in the scaffolder.
 */
const demoModeRules = () => new Set(haRules.filter((r) => r && ['https-listener', 'http-redirects-to-https'].includes(r.name)).map((r) => r.id));

const REGION = 'eu-west-1';
const FULL = process.env.MHA_SCAFFOLD_FULL_MATRIX === '1';

describe('scaffold: every wizard variant against cfn-lint + moto + our linter (integration: needs cfn-lint and moto_server)', function () {
  this.timeout(FULL ? 1_800_000 : 600_000);
  const variants = allVariants();
  const templates = templateVariants();
  // cfn-lint needs ~1.5 s of CPU per template; the pairwise cover keeps the suite near a minute.
  // MHA_SCAFFOLD_FULL_MATRIX=1 runs the heavy checks on all of them.
  const checked = FULL ? templates : pairwiseCover(templates);
  let workDir: string;
  const fileOf = (v: Variant) => path.join(workDir, v.name, TEMPLATE_FILE);

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-scaffold-variants-'));
    for (const v of checked) await writePlan(planScaffold(v.options), path.join(workDir, v.name));
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it(`plans all ${variants.length} variants (2 formats × 5 databases × 3 caches × 3 storages × 3 sources × 2 AZ counts) with the topology asked for`, () => {
    assert.equal(variants.length, 540);
    assert.equal(new Set(variants.map((v) => v.name)).size, 540);
    for (const v of variants) {
      const plan = planScaffold(v.options);
      const t = buildTemplate(v.options);
      const types = Object.values(t.Resources).map((r) => (r as { Type: string }).Type);
      const count = (type: string) => types.filter((x) => x === type).length;
      const o = v.options;
      assert.equal(count('AWS::EC2::Subnet'), 3 * o.azCount, v.name);
      assert.equal(count('AWS::EFS::MountTarget'), o.storage.kind === 'efs' ? o.azCount : 0, v.name);
      assert.equal(count('AWS::RDS::DBInstance'), isAurora(o.database.engine) ? 2 : 1, v.name);
      assert.equal(count('AWS::RDS::DBCluster'), isAurora(o.database.engine) ? 1 : 0, v.name);
      // Sessions (memcached cluster or replication group) plus the application cache (MUC) replication group.
      assert.equal(count('AWS::ElastiCache::CacheCluster'), o.cache.engine === 'memcached' ? 1 : 0, v.name);
      assert.equal(count('AWS::ElastiCache::ReplicationGroup'), o.cache.engine === 'memcached' ? 1 : 2, v.name);
      assert.ok(plan.files.some((f) => f.path === 'cdk.json') === (o.format === 'cdk'), v.name);
    }
  });

  it('cfn-lint: no errors and no warnings outside the allowlist (every checked template, one or two runs side by side)', async function () {
    // The budget grows with the templates checked (support/matrix-budget.ts), not fixed at one figure.
    const processes = cfnLintProcesses(checked.length);
    this.timeout(cfnLintBudgetMs(Math.ceil(checked.length / processes)) + 60_000);
    const matches = await runCfnLintSplit(checked.map(fileOf), processes, cfnLintBudgetMs);
    const allowed = new Set(CFN_LINT_WARNING_ALLOWLIST.map((a) => a.rule));
    const bad = matches.filter((m) => m.Level === 'Error' || (m.Level === 'Warning' && !allowed.has(m.Rule.Id)));
    assert.deepEqual(bad.map((m) => `${path.relative(workDir, m.Filename)}:${m.Location.Start.LineNumber} ${m.Rule.Id} ${m.Message}`), []);
  });

  it('our linter: no errors, and no Moodle-HA rule fires (demo mode: only the HTTPS rules; cost figures are advice)', async () => {
    // What is found is tested here, not how fast: on a loaded CI machine one 80 KB template can take
    // AWS's validator past the editor's 60 s budget, and the file would be reported as skipped.
    const validator = new ValidatorPool({ size: 2, requestTimeoutMs: 600_000 });
    const results = await lintFiles(checked.map(fileOf), { validator }).finally(() => validator.dispose());
    const allowedInDemo = demoModeRules();
    const problems: string[] = [];
    for (const r of results) {
      const demo = !checked.find((v) => fileOf(v) === r.file)!.options.domain.certificateArn;
      if (r.skipped) problems.push(`${r.file}: skipped (${r.skipped})`);
      for (const f of r.findings) {
        const ha = f.source === 'Moodle HA' && !f.ruleId.startsWith('MHA9');
        if (f.severity === 'error' || (ha && !(demo && allowedInDemo.has(f.ruleId))) || (!ha && f.severity === 'warning')) {
          problems.push(`${path.relative(workDir, r.file)}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  describe('moto', () => {
    let moto: MotoServer;
    let cfn: CloudFormationClient;
    before(async () => {
      moto = await MotoServer.start();
      cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    });
    after(() => moto?.stop());

    it('CreateStack succeeds, and subnets, ASG, EFS mount targets and RDS have the properties we meant (every checked template)', async function () {
      this.timeout(motoBudgetMs(checked.length));
      const failures: string[] = [];
      const created = new Set<string>();
      for (const v of checked) {
        try {
          await checkInMoto(v);
          created.add(v.name);
        } catch (error) {
          failures.push(`${v.name}: ${(error as Error).message}`);
        }
      }
      assert.deepEqual(failures, []);
      // Every template the cfn-lint step checked was created (the full matrix: all 270).
      assert.equal(created.size, checked.length);
    });

    it('MailRelay=ses: cfn-lint is clean and CreateStack succeeds for a domain identity (DKIM outputs) and an address identity', async () => {
      const cases = [
        { name: 'ses-domain', options: resolveOptions({ mail: { relay: 'ses' }, domain: { name: 'moodle.example.edu', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3' } }) },
        { name: 'ses-address', options: resolveOptions({ mail: { relay: 'ses', noReplyAddress: 'moodle-noreply@example.edu' } }) },
      ];
      for (const c of cases) await writePlan(planScaffold(c.options), path.join(workDir, c.name));
      const files = cases.map((c) => path.join(workDir, c.name, TEMPLATE_FILE));
      const lint = (await runCfnLint(files, 300_000)).filter((m) => m.Level === 'Error' || m.Level === 'Warning');
      assert.deepEqual(lint.map((m) => `${path.relative(workDir, m.Filename)}:${m.Location.Start.LineNumber} ${m.Rule.Id} ${m.Message}`), []);
      for (const [i, c] of cases.entries()) {
        const model = TemplateModel.parse(files[i], fs.readFileSync(files[i], 'utf8'));
        const plain = toPlain(model.root) as { Resources: Record<string, { Type: string }>; Outputs: Record<string, unknown> };
        assert.equal(plain.Resources.MailIdentity?.Type, 'AWS::SES::EmailIdentity', c.name);
        assert.equal(!!plain.Outputs.MailDkimRecord1, c.name === 'ses-domain', `${c.name}: DKIM outputs only for a domain`);
        const { template } = motoCompatible(plain as never);
        const parameters = [{ ParameterKey: 'MailRelay', ParameterValue: 'ses' }];
        if (c.options.domain.certificateArn) parameters.push({ ParameterKey: 'CertificateArn', ParameterValue: await motoCertificate(c.options.domain.name) });
        await cfn.send(new CreateStackCommand({ StackName: `mha-${c.name}`, TemplateBody: JSON.stringify(template), Parameters: parameters, Capabilities: ['CAPABILITY_IAM'] }));
        const stack = (await cfn.send(new DescribeStacksCommand({ StackName: `mha-${c.name}` }))).Stacks![0];
        assert.equal(stack.StackStatus, 'CREATE_COMPLETE', c.name);
        // moto has no SES in CloudFormation: the identity is skipped (moto-compat), the rest is created with the relay on.
        assert.equal(stack.Parameters?.find((p) => p.ParameterKey === 'MailRelay')?.ParameterValue, 'ses', c.name);
        assert.ok(stack.Outputs?.some((o) => o.OutputKey === 'SiteUrl' && o.OutputValue), `${c.name}: SiteUrl output`);
      }
    });

    it('Aurora Serverless v2 with a holiday floor (both Aurora engines): cfn-lint is clean and CreateStack succeeds with the capacity schedules', async () => {
      const cases = (['aurora-mysql', 'aurora-postgresql'] as const).map((engine) => ({ name: `serverless-${engine}`, options: resolveOptions({ database: { engine, serverless: { enabled: true } } }) }));
      for (const c of cases) await writePlan(planScaffold(c.options), path.join(workDir, c.name));
      const files = cases.map((c) => path.join(workDir, c.name, TEMPLATE_FILE));
      const lint = (await runCfnLint(files, 300_000)).filter((m) => m.Level === 'Error' || m.Level === 'Warning');
      assert.deepEqual(lint.map((m) => `${path.relative(workDir, m.Filename)}:${m.Location.Start.LineNumber} ${m.Rule.Id} ${m.Message}`), []);
      for (const [i, c] of cases.entries()) {
        const model = TemplateModel.parse(files[i], fs.readFileSync(files[i], 'utf8'));
        const plain = toPlain(model.root) as { Resources: Record<string, { Type: string }> };
        const schedules = Object.values(plain.Resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule').length;
        assert.equal(schedules, 2 * c.options.scaling.calendar.terms.length, c.name);
        const { template } = motoCompatible(plain as never);
        await cfn.send(new CreateStackCommand({ StackName: `mha-${c.name}`, TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'] }));
        const stack = (await cfn.send(new DescribeStacksCommand({ StackName: `mha-${c.name}` }))).Stacks![0];
        assert.equal(stack.StackStatus, 'CREATE_COMPLETE', c.name);
        const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: `mha-${c.name}` }))).StackResources ?? [];
        assert.ok(resources.some((r) => r.LogicalResourceId === 'DatabaseCapacityScheduleRole' && r.PhysicalResourceId), `${c.name}: the schedules' role was created`);
      }
    });

    async function motoCertificate(domain: string): Promise<string> {
      const answer = (await moto.json('acm', REGION, 'CertificateManager.RequestCertificate', { DomainName: domain })) as { CertificateArn: string };
      return answer.CertificateArn;
    }

    async function checkInMoto(v: Variant): Promise<void> {
      // The file as written, in long form: moto's YAML loader mangles `!GetAtt [A, B.C]`.
      const model = TemplateModel.parse(fileOf(v), fs.readFileSync(fileOf(v), 'utf8'));
      const { template } = motoCompatible(toPlain(model.root) as never);
      // Short names: moto derives DB identifiers from them and cuts long ones at a hyphen.
      const stackName = `mha${checked.indexOf(v)}`;
      // moto's load balancer checks the certificate exists: ask moto's ACM for one.
      const parameters = v.options.domain.certificateArn ? [{ ParameterKey: 'CertificateArn', ParameterValue: await motoCertificate(v.options.domain.name) }] : undefined;
      await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template), Parameters: parameters, Capabilities: ['CAPABILITY_IAM'] }));
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0];
      assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
      assert.ok(stack.Outputs?.some((o) => o.OutputKey === 'SiteUrl' && o.OutputValue), 'SiteUrl output');
      const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
      const physical = (id: string) => {
        const r = resources.find((x) => x.LogicalResourceId === id);
        assert.ok(r?.PhysicalResourceId, `${id} was not created`);
        return r.PhysicalResourceId;
      };
      const o = v.options;
      for (const tier of ['Public', 'App', 'Data']) {
        const ids = Array.from({ length: o.azCount }, (_, i) => physical(`${tier}Subnet${i + 1}`));
        const params: Record<string, string> = { Action: 'DescribeSubnets', Version: '2016-11-15' };
        ids.forEach((id, i) => { params[`SubnetId.${i + 1}`] = id; });
        const azs = xmlValues(await moto.query('ec2', REGION, params), 'availabilityZone');
        assert.equal(new Set(azs).size, o.azCount, `${tier} subnets in distinct AZs: ${azs}`);
      }
      const asg = await moto.query('autoscaling', REGION, { Action: 'DescribeAutoScalingGroups', Version: '2011-01-01', 'AutoScalingGroupNames.member.1': physical('WebAutoScalingGroup') });
      assert.deepEqual([xmlValues(asg, 'MinSize')[0], xmlValues(asg, 'MaxSize')[0]], [String(o.web.minSize), String(o.web.maxSize)], 'ASG min/max');
      if (o.storage.kind === 'efs') {
        const mounts = (await moto.restJson('elasticfilesystem', REGION, `/2015-02-01/mount-targets?FileSystemId=${physical('SharedFileSystem')}`)) as { MountTargets: { SubnetId: string }[] };
        const dataSubnets = Array.from({ length: o.azCount }, (_, i) => physical(`DataSubnet${i + 1}`));
        assert.deepEqual(mounts.MountTargets.map((m) => m.SubnetId).sort(), [...dataSubnets].sort(), 'one EFS mount target per AZ');
      }
      if (!isAurora(o.database.engine)) {
        const db = await moto.query('rds', REGION, { Action: 'DescribeDBInstances', Version: '2014-10-31', DBInstanceIdentifier: physical('Database') });
        assert.deepEqual(xmlValues(db, 'MultiAZ'), ['true'], 'RDS MultiAZ');
        assert.deepEqual(xmlValues(db, 'Engine'), [o.database.engine], 'RDS engine');
      }
    }
  });
});
