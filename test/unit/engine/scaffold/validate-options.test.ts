import * as assert from 'node:assert/strict';
import { parseCidr, overlaps } from '../../../../src/engine/scaffold/cidr';
import { cronProblem } from '../../../../src/engine/scaffold/cron';
import { defaultOptions, resolveOptions, type ScaffoldOptionsInput } from '../../../../src/engine/scaffold/options';
import { validateOptions } from '../../../../src/engine/scaffold/validate-options';
import { allVariants } from '../../../../src/engine/scaffold/variants';

const CERT = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3`;

function fieldsOf(input: ScaffoldOptionsInput): string[] {
  return validateOptions(resolveOptions(input)).map((p) => p.field);
}

describe('scaffold/validateOptions', () => {
  it('accepts the defaults and every variant of the matrix', () => {
    assert.deepEqual(validateOptions(defaultOptions()), []);
    for (const v of allVariants()) assert.deepEqual(validateOptions(v.options), [], v.name);
  });

  const invalid: [string, ScaffoldOptionsInput, string][] = [
    ['a project name with capitals', { projectName: 'My Moodle' }, 'projectName'],
    ['an environment name with a hyphen', { environment: 'pre-prod' }, 'environment'],
    ['an unknown region', { region: 'europe' }, 'region'],
    ['4 AZs', { azCount: 4 as never }, 'azCount'],
    ['min > max', { web: { minSize: 5, maxSize: 3, desiredCapacity: 4 } }, 'web.maxSize'],
    ['a single web server', { web: { minSize: 1, desiredCapacity: 1 } }, 'web.minSize'],
    ['desired outside min..max', { web: { desiredCapacity: 9 } }, 'web.desiredCapacity'],
    ['a subnet outside the VPC', { network: { appSubnetCidrs: ['10.81.10.0/24', '10.80.11.0/24'] } }, 'network.appSubnetCidrs[0]'],
    ['overlapping subnets', { network: { dataSubnetCidrs: ['10.80.0.0/23', '10.80.21.0/24'] } }, 'network.dataSubnetCidrs[0]'],
    ['a host address as a subnet', { network: { publicSubnetCidrs: ['10.80.0.5/24', '10.80.1.0/24'] } }, 'network.publicSubnetCidrs[0]'],
    ['too few subnets for 3 AZs', { azCount: 3, network: { publicSubnetCidrs: ['10.80.0.0/24', '10.80.1.0/24'] } }, 'network.publicSubnetCidrs'],
    ['a 6-field cron', { scaling: { schedules: [{ name: 'Exams', kind: 'exam', recurrence: '0 0 6 * * 1', minSize: 2, desiredCapacity: 2, maxSize: 4 }] } }, 'scaling.schedules[0].recurrence'],
    ['hour 25 in a cron', { scaling: { schedules: [{ name: 'Exams', kind: 'exam', recurrence: '0 25 * * *', minSize: 2, desiredCapacity: 2, maxSize: 4 }] } }, 'scaling.schedules[0].recurrence'],
    ['a schedule with min > max', { scaling: { schedules: [{ name: 'Exams', kind: 'exam', recurrence: '0 6 * * 1-5', minSize: 6, desiredCapacity: 6, maxSize: 4 }] } }, 'scaling.schedules[0].maxSize'],
    ['a schedule end before its start', { scaling: { schedules: [{ name: 'Exams', kind: 'exam', startTime: '2027-06-01T06:00:00Z', endTime: '2027-05-01T06:00:00Z', minSize: 2, desiredCapacity: 2, maxSize: 4 }] } }, 'scaling.schedules[0].endTime'],
    ['a schedule name with spaces', { scaling: { schedules: [{ name: 'Exam week', kind: 'exam', recurrence: '0 6 * * 1-5', minSize: 2, desiredCapacity: 2, maxSize: 4 }] } }, 'scaling.schedules[0].name'],
    ['an unknown time zone', { scaling: { timeZone: 'Mars/Olympus' } }, 'scaling.timeZone'],
    ['a CPU target over 100', { scaling: { metric: 'cpu', targetValue: 150 } }, 'scaling.targetValue'],
    ['a certificate from another region', { domain: { name: 'moodle.example.edu', certificateArn: CERT('us-east-1') } }, 'domain.certificateArn'],
    ['a certificate without a domain', { domain: { name: '', certificateArn: CERT('eu-west-1') } }, 'domain.name'],
    ['a malformed certificate ARN', { domain: { name: 'moodle.example.edu', certificateArn: 'arn:aws:iam::123:cert' } }, 'domain.certificateArn'],
    ['NFS without an endpoint', { storage: { kind: 'nfs', endpoint: '' } }, 'storage.endpoint'],
    ['one memcached node', { cache: { engine: 'memcached', nodeCount: 1 } }, 'cache.nodeCount'],
    ['a DB class without db.', { database: { instanceClass: 'r6g.large' } }, 'database.instanceClass'],
    ['no backups', { database: { backupRetentionDays: 0 } }, 'database.backupRetentionDays'],
    ['GitHub without a connection', { code: { source: 'github', githubRepository: 'a/b' } }, 'code.githubConnectionArn'],
    ['CodeCommit without a repository', { code: { source: 'codecommit' } }, 'code.codeCommitRepository'],
    ['an S3 key that is not a zip', { code: { s3ObjectKey: 'bundle.tar' } }, 'code.s3ObjectKey'],
    ['PHP 8.4 with Moodle 4.5', { web: { moodleVersion: '4.5', phpVersion: '8.4' } }, 'web.phpVersion'],
  ];
  for (const [what, input, field] of invalid) {
    it(`rejects ${what} at ${field}`, () => {
      assert.ok(fieldsOf(input).includes(field), `expected a problem at ${field}, got ${JSON.stringify(fieldsOf(input))}`);
    });
  }

  it('names the other subnet in an overlap message', () => {
    const problems = validateOptions(resolveOptions({ network: { appSubnetCidrs: ['10.80.0.0/24', '10.80.11.0/24'] } }));
    assert.match(problems[0].message, /overlaps 10\.80\.0\.0\/24 \(network\.publicSubnetCidrs\[0\]\)/);
  });
});

describe('scaffold/cron and cidr', () => {
  it('accepts the cron forms Auto Scaling accepts', () => {
    for (const ok of ['0 7 * 1-6,9-12 1-5', '*/15 * * * *', '30 6 * MAY,JUN MON-FRI', '0 0 1 7 *', '0 20 * * 0,7']) assert.equal(cronProblem(ok), undefined, ok);
  });
  it('rejects broken cron expressions with a reason', () => {
    for (const bad of ['', '* * * *', '60 * * * *', '0 7 * 13 *', '0 7 * * 8', '5-1 * * * *', '*/0 * * * *', '0 7 32 * *', 'a b c d e']) assert.ok(cronProblem(bad), bad);
  });
  it('parses and compares CIDR blocks', () => {
    const a = parseCidr('10.80.0.0/16')!;
    const b = parseCidr('10.80.255.0/24')!;
    assert.equal(a.end - a.start + 1, 65536);
    assert.ok(overlaps(a, b));
    assert.equal(parseCidr('10.80.0.0/33'), undefined);
    assert.equal(parseCidr('300.1.1.0/24'), undefined);
    assert.ok(!overlaps(parseCidr('10.0.0.0/24')!, parseCidr('10.0.1.0/24')!));
  });
});
