import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { Journal } from '../../../src/engine/migrate/journal';
import { applyDnsSwitch, DNS_STEP, planDnsSwitch, revertDnsSwitch, SWITCHED_TTL } from '../../../src/engine/migrate/cutover/dns-switch';
import { CUTOVER_STEP } from '../../../src/engine/migrate/cutover/restore-on-stack';
import { asMhaError } from '../../../src/engine/common/errors';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { runCli } from '../../../src/cli/run-cli';
import { MOTO_CREDENTIALS, motoCredentialsInEnv, startMoto, type MotoServer } from '../../support/moto';

const LB = 'moodle-alb-1234567890.eu-west-1.elb.amazonaws.com';

describe("migrate switch-dns: the site's name moved to the stack and back (Route 53 on moto_server, 127.0.0.1)", function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let route53: Route53Client;
  let zoneId: string;
  let dir: string;
  const records = async (name: string) => ((await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? [])
    .filter((r) => r.Name === name).map((r) => `${r.Type} ${r.TTL} ${(r.ResourceRecords ?? []).map((v) => v.Value).join(',')}`).sort();
  const restored = async (journal: Journal) => {
    // The restore runs on an EC2 instance through SSM, which no local part can do: its journal record stands in for it.
    await journal.step(CUTOVER_STEP.restore, async () => ({ commandId: 'test', instanceId: 'i-test', summary: 'verified' }));
  };

  before(async () => {
    moto = await startMoto();
    route53 = new Route53Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS });
  });
  after(async () => { await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-dns-switch-'));
    zoneId = (await route53.send(new CreateHostedZoneCommand({ Name: 'school.example.edu', CallerReference: `t-${Date.now()}` }))).HostedZone!.Id!;
    // The single server's address, with the long TTL most sites have.
    await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
      { Action: 'CREATE', ResourceRecordSet: { Name: 'moodle.school.example.edu.', Type: 'A', TTL: 3600, ResourceRecords: [{ Value: '203.0.113.10' }] } },
    ] } }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses to switch before the site is restored on the stack, and changes nothing', async () => {
    const journal = Journal.open(dir);
    const plan = await planDnsSwitch({ route53, zoneId, recordName: 'moodle.school.example.edu', target: LB });
    const error = await applyDnsSwitch(journal, route53, plan).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'usage');
    assert.match(error.message, /not restored/);
    assert.deepEqual(await records('moodle.school.example.edu.'), ['A 3600 203.0.113.10']);
  });

  it('replaces the A record with a 60 s CNAME to the load balancer in one change, says how long the old TTL keeps users on the source, and does it once', async () => {
    const journal = Journal.open(dir);
    await restored(journal);
    const plan = await planDnsSwitch({ route53, zoneId, recordName: 'Moodle.School.Example.EDU', target: LB });
    assert.equal(plan.name, 'moodle.school.example.edu.');
    assert.equal(plan.staleSeconds, 3600);
    assert.deepEqual(plan.before.map((r) => r.Type), ['A']);
    const first = await applyDnsSwitch(journal, route53, plan);
    assert.equal(first.skipped, false);
    assert.deepEqual(await records('moodle.school.example.edu.'), [`CNAME ${SWITCHED_TTL} ${LB}.`]);
    const again = await applyDnsSwitch(journal, route53, plan);
    assert.equal(again.skipped, true);
  });

  it('a rollback puts the old A record back exactly (value and TTL) and forgets the switch', async () => {
    const journal = Journal.open(dir);
    await restored(journal);
    await applyDnsSwitch(journal, route53, await planDnsSwitch({ route53, zoneId, recordName: 'moodle.school.example.edu', target: LB }));
    assert.deepEqual(await revertDnsSwitch(journal, route53), { reverted: true });
    assert.deepEqual(await records('moodle.school.example.edu.'), ['A 3600 203.0.113.10']);
    assert.equal(journal.done(DNS_STEP), false);
    assert.deepEqual(await revertDnsSwitch(journal, route53), { reverted: false });
  });

  it("the CLI shows the change and makes it only with --yes; the stack's LoadBalancerDnsName is read when --stack is given instead of --to", async () => {
    const journal = Journal.open(path.join(dir, 'work'));
    await restored(journal);
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const restoreEnv = motoCredentialsInEnv();
      const env = { ...process.env };
      const code = await runCli(['migrate', 'switch-dns', '--work', 'work', '--zone-id', zoneId, '--record', 'moodle.school.example.edu', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, ...argv],
        { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, env, signal: new AbortController().signal }).finally(restoreEnv);
      return { code, out, err };
    };
    const dry = await cli('--to', LB);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /now: +A 203\.0\.113\.10 \(TTL 3600 s\)/);
    assert.match(dry.out, new RegExp(`after: +CNAME ${LB.replace(/\./g, '\\.')}\\. \\(TTL 60 s\\)`));
    assert.match(dry.out, /up to 3600 s more/);
    assert.match(dry.out, /Nothing changed/);
    assert.deepEqual(await records('moodle.school.example.edu.'), ['A 3600 203.0.113.10']);
    // A stack with the output the scaffold's template has (its value a literal here: moto makes no load balancer DNS name).
    const cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS });
    await cfn.send(new CreateStackCommand({ StackName: 'moodle-prod', TemplateBody: JSON.stringify({
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
      Outputs: { LoadBalancerDnsName: { Value: 'stack-alb-42.us-east-1.elb.amazonaws.com' } },
    }) }));
    const fromStack = await cli('--stack', 'moodle-prod');
    assert.equal(fromStack.code, 0, fromStack.err);
    assert.match(fromStack.out, /after: +CNAME stack-alb-42\.us-east-1\.elb\.amazonaws\.com\. /);
    const missing = await cli('--stack', 'no-such-stack', '--yes');
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /There is no stack 'no-such-stack'/);
    const applied = await cli('--to', LB, '--yes');
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /Switched/);
    assert.deepEqual(await records('moodle.school.example.edu.'), [`CNAME ${SWITCHED_TTL} ${LB}.`]);
  });

  it('refuses the zone apex (a CNAME cannot be there) and a name outside the zone', async () => {
    for (const name of ['school.example.edu', 'moodle.other.example.org']) {
      const error = await planDnsSwitch({ route53, zoneId, recordName: name, target: LB }).catch((e) => e);
      assert.equal(asMhaError(error)?.code, 'usage', `${name}: ${error}`);
    }
  });
});
