import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SecretStandIn } from '../../../../../src/engine/sim/aws/secrets-manager';
import { ManualClock } from '../../../../../src/engine/sim/aws/clock';
import { occurrences, parseCron } from '../../../../../src/engine/sim/aws/cron-schedule';
import { defaultCalendar, replayCalendar } from '../../../../../src/engine/sim/aws/calendar-replay';
import { healthEndpointOf, readAwsBehaviour } from '../../../../../src/engine/sim/aws/read-aws-behaviour';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

const root = path.resolve(__dirname, '../../../../../..');

describe('sim/aws Secrets Manager stand-in', () => {
  it('rotation changes the database user first, then moves AWSCURRENT; the old value is gone from current()', async () => {
    const calls: string[] = [];
    const secret = new SecretStandIn('db', { username: 'moodle', password: 'old' }, { setPassword: async (u, p) => { calls.push(`${u}:${p}`); } }, () => 'new');
    const r = await secret.rotate();
    assert.equal(r.username, 'moodle');
    assert.deepEqual(calls, ['moodle:new']);
    assert.equal(secret.current().password, 'new');
    assert.doesNotMatch(secret.describe(), /new|old/, 'no value in the description');
    await secret.restoreOriginal();
    assert.equal(secret.current().password, 'old');
    assert.deepEqual(calls, ['moodle:new', 'moodle:old']);
  });

  it('a failing database change leaves AWSCURRENT where it was', async () => {
    const secret = new SecretStandIn('db', { username: 'moodle', password: 'old' }, { setPassword: async () => { throw new Error('access denied'); } });
    await assert.rejects(secret.rotate(), /access denied/);
    assert.equal(secret.current().password, 'old');
  });
});

describe('sim/aws scheduled actions on a compressed clock', () => {
  it('cron fields: ranges, lists, weekdays, in the action time zone', () => {
    const c = parseCron('0 7 * 1-4,9-12 1-5');
    assert.ok(c.months.has(9) && !c.months.has(7));
    assert.ok(c.weekdays.has(1) && !c.weekdays.has(0));
    // 2026-09-07 is a Monday; 07:00 in London is 06:00 UTC (BST).
    const at = occurrences('0 7 * 1-4,9-12 1-5', 'Europe/London', Date.UTC(2026, 8, 7), Date.UTC(2026, 8, 8));
    assert.deepEqual(at.map((t) => new Date(t).toISOString()), ['2026-09-07T06:00:00.000Z']);
    const winter = occurrences('0 7 * 1-4,9-12 1-5', 'Europe/London', Date.UTC(2027, 0, 4), Date.UTC(2027, 0, 5));
    assert.deepEqual(winter.map((t) => new Date(t).toISOString()), ['2027-01-04T07:00:00.000Z']);
    assert.throws(() => parseCron('0 7 * *'), /5-field/);
  });

  it("replays the before-scaffold's schedules over a school year with fake time: capacity against demand, with the exam morning and the 23:59 deadline", async () => {
    const file = path.join(root, 'test/fixtures/before-scaffold/infra/moodle-ha.yaml');
    const aws = readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
    assert.equal(aws.schedules.length, 4);
    const clock = new ManualClock(0);
    let steps = 0;
    const run = replayCalendar({ schedules: aws.schedules, initial: aws.autoScaling, calendar: defaultCalendar(2026), clock, onStep: () => { steps++; } });
    // A year of 30-minute steps: the replay only moves when the clock does.
    await clock.advance(0);
    assert.ok(steps <= 1, 'waits for the clock');
    while (steps < 17_520 && clock.pending) await clock.advance(30 * 60_000 * 500);
    const result = await run;
    assert.ok(result.points.length >= 17_500);
    assert.ok(result.actionsFired > 300, `${result.actionsFired} scheduled actions fired`);
    const exam = result.points.find((p) => p.label === 'exam morning')!;
    assert.ok(exam, 'the exam morning is in the curve');
    const deadline = result.shortfalls.find((s) => s.label === 'deadline 23:59');
    assert.ok(deadline, 'with schedules only (no target tracking), the 23:59 deadline needs more than the night capacity');
    assert.ok(result.shortMinutes > 0);
  });
});

describe('sim/aws behaviour read from the template', () => {
  it('the before-scaffold: /login/index.php 200 every 15 s (2/3), ELB health after 900 s, OneAtATime with rollback, nodes on the master secret', () => {
    const file = path.join(root, 'test/fixtures/before-scaffold/infra/moodle-ha.yaml');
    const aws = readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
    assert.deepEqual({ path: aws.healthCheck.path, matcher: aws.healthCheck.matcher, interval: aws.healthCheck.intervalSeconds, h: aws.healthCheck.healthyThreshold, u: aws.healthCheck.unhealthyThreshold, dereg: aws.healthCheck.deregistrationDelaySeconds },
      { path: '/login/index.php', matcher: '200', interval: 15, h: 2, u: 3, dereg: 30 });
    assert.deepEqual({ min: aws.autoScaling.min, max: aws.autoScaling.max, desired: aws.autoScaling.desired, type: aws.autoScaling.healthCheckType, grace: aws.autoScaling.gracePeriodSeconds, zones: aws.autoScaling.zones },
      { min: 2, max: 6, desired: 2, type: 'ELB', grace: 900, zones: ['a', 'b'] });
    assert.deepEqual(aws.deploymentGroup, { groupId: 'DeploymentGroup', config: 'OneAtATime', type: 'IN_PLACE', withTrafficControl: true, autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'] } });
    assert.equal(aws.db.source, 'master');
    assert.equal(aws.db.rotation, 'rds-managed');
    assert.equal(aws.staticHealthPath, undefined);
    assert.ok(aws.bundleDir?.endsWith(path.join('before-scaffold', 'moodle')));
  });
});

describe('sim/aws behaviour of the fixed copy', () => {
  it('a static health endpoint from the user data, and Moodle\'s own non-rotating secret', () => {
    const file = path.join(root, 'test/fixtures/aws-fixed-scaffold/infra/moodle-ha.yaml');
    const aws = readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
    assert.equal(aws.healthCheck.path, '/moodle-ha-health');
    assert.equal(aws.staticHealthPath, '/moodle-ha-health');
    assert.equal(aws.phpHealthPath, undefined);
    assert.deepEqual([aws.db.source, aws.db.rotation], ['own', 'none']);
  });
});

describe('sim/aws: how the user data serves the health path', () => {
  it("the default scaffold's /moodle-ha-health is PHP outside Moodle (an Alias to health.php), so the replica runs it through PHP", () => {
    const file = path.join(root, 'infra-templates/default/infra/moodle-ha.yaml');
    const aws = readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
    assert.equal(aws.phpHealthPath, '/moodle-ha-health');
    assert.equal(aws.staticHealthPath, undefined);
  });

  it('tells an Alias to a .php file from one to a static file, in user data read as JSON text', () => {
    const json = (script: string) => JSON.stringify({ 'Fn::Sub': script });
    assert.equal(healthEndpointOf('/health', json("echo '<?php echo 1;' > /srv/h.php\nAlias /health /srv/h.php\n")), 'php');
    assert.equal(healthEndpointOf('/health', json('echo ok > /srv/h.txt\nAlias /health /srv/h.txt\n')), 'static');
    assert.equal(healthEndpointOf('/health', json('printf "Alias /health /srv/h.php" > /etc/httpd/conf.d/h.conf')), 'php');
    assert.equal(healthEndpointOf('/health', json('echo ok > /var/www/html/health')), 'static');
    assert.equal(healthEndpointOf('/login/index.php', json('Alias /login/index.php /x.php')), undefined);
    assert.equal(healthEndpointOf('/health', json('nothing here')), undefined);
  });
});
