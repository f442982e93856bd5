import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './cli-support';

const repoRoot = path.join(__dirname, '../../../..');

describe('cli: bad input gets a clear error, never a hang or a stack trace (security review LOW-1, 5, 8–12)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bad-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('lint on files that are not regular files (LOW-9)', () => {
    it('a FIFO with no writer: refused at once, exit 2', async () => {
      const fifo = path.join(dir, 'f.yaml');
      execFileSync('mkfifo', [fifo]);
      const { code, out } = await cli(['lint', fifo, '--no-validator'], { cwd: dir });
      assert.equal(code, 2);
      assert.match(out, /f\.yaml: skipped: cannot read: not a regular file \(a FIFO, device or socket\)/);
    });

    for (const device of ['/dev/zero', '/dev/urandom']) {
      it(`${device}: refused without reading it`, async () => {
        const { code, out } = await cli(['lint', device, '--no-validator'], { cwd: dir });
        assert.equal(code, 2);
        assert.match(out, /not a regular file/);
      });
    }

    it('a file over 1 MB is reported too large (read no further than the limit)', async () => {
      const big = path.join(dir, 'big.yaml');
      fs.writeFileSync(big, `Resources:\n${'#'.repeat(2 * 1024 * 1024)}\n`);
      const { code, out } = await cli(['lint', big, '--no-validator'], { cwd: dir });
      assert.equal(code, 1);
      assert.match(out, /E0000/);
    });
  });

  describe('lint options (LOW-5)', () => {
    for (const severity of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      it(`--severity ${severity} is refused, not read as "hide everything"`, async () => {
        const { code, err } = await cli(['lint', 'cfn/bad-ref.yaml', '--no-validator', '--severity', severity]);
        assert.equal(code, 2);
        assert.match(err, /Unknown severity/);
      });
    }

    it('--rule with a prototype key is refused', async () => {
      for (const rule of ['constructor=off', '__proto__=off']) {
        const { code, err } = await cli(['lint', 'cfn/bad-ref.yaml', '--no-validator', '--rule', rule]);
        assert.equal(code, 2, rule);
        assert.match(err, /Bad --rule/);
      }
    });

    it('the summary counts the files linted, not the files with something to say (LOW-12)', async () => {
      const { out } = await cli(['lint', 'cfn/clean.yaml', 'cfn/clean.json', '--no-validator']);
      assert.match(out, /^2 files: 0 errors/m);
    });

    it('a multi-file summary says how many files were skipped as not CloudFormation (LOW-12: it read as a clean run)', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-skip-'));
      fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
      fs.writeFileSync(path.join(dir, 'b.yaml'), 'b: 2\n');
      try {
        const { out } = await cli(['lint', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), 'cfn/clean.yaml', '--no-validator']);
        assert.match(out, /^3 files: 0 errors, 0 warnings, 0 info \(2 not CloudFormation, skipped\)$/m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('sim --port (LOW-8)', () => {
    for (const port of ['abc', '0', '-1', '99999', '2.5', '1e3', '']) {
      it(`--port ${JSON.stringify(port)} is refused before anything is planned or built`, async () => {
        const { code, err } = await cli(['sim', 'plan', `--port=${port}`], { cwd: dir });
        assert.equal(code, 2);
        assert.match(err, /--port must be a whole number from 1 to 65535/);
      });
    }

    it('--port 8080 is taken', async () => {
      const { code, out } = await cli(['sim', 'plan', '--port', '8080'], { cwd: dir });
      assert.equal(code, 0);
      assert.match(out, /"port": 8080/);
    });
  });

  describe('scaffold --config (LOW-1): every problem names its field', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['a number for a CIDR', { network: { vpcCidr: 1234 } }, /network\.vpcCidr: must be a string, not number 1234/],
      ['null for a section', { web: null }, /web: must be an object with instanceType/],
      ['an object for the schedules', { scaling: { schedules: { a: 1 } } }, /scaling\.schedules: must be a list of schedules/],
      ['a number for a recurrence', { scaling: { schedules: [{ name: 'A', kind: 'term', recurrence: 5, minSize: 1, desiredCapacity: 1, maxSize: 2 }] } }, /scaling\.schedules\[0\]\.recurrence: must be a string/],
      ['an object for the region', { region: { a: 1 } }, /region: must be a string, not an object/],
      ['a list for the project name', { projectName: ['moodle'] }, /projectName: must be a string, not a list/],
      ['1,000 schedules', { scaling: { schedules: Array.from({ length: 1_000 }, (_, i) => ({ name: `S${i}`, kind: 'term', recurrence: '0 7 * * *', minSize: 1, desiredCapacity: 1, maxSize: 2 })) } }, /scaling\.schedules: has 1000 schedules; at most 50/],
      ['February 30th', { scaling: { schedules: [{ name: 'Exam', kind: 'exam', startTime: '2026-02-30T06:00:00Z', minSize: 1, maxSize: 2 }] } }, /scaling\.schedules\[0\]\.startTime: '2026-02-30T06:00:00Z' is not a real UTC date/],
      ['a ../ object key', { code: { s3ObjectKey: '../../x.zip' } }, /code\.s3ObjectKey: must be an S3 object key without '\.\.'/],
      ['an unknown field', { databse: { engine: 'mysql' } }, /databse: unknown field/],
      ['a __proto__ key', JSON.parse('{"__proto__": {"x": 1}}'), /__proto__: unknown field/],
      ['an infinite-looking number', { web: { maxSize: 1e308 } }, /web\.maxSize: must be a finite number/],
      ['a boolean as text', { network: { natGatewayPerAz: 'yes' } }, /network\.natGatewayPerAz: must be a true or false/],
      ['too many subnets', { network: { appSubnetCidrs: Array(20).fill('10.0.0.0/24') } }, /network\.appSubnetCidrs: has 20 entries; at most 6/],
      ['a line break in a name', { projectName: 'moodle\nrm -rf' }, /projectName: must not contain control characters/],
      ['a list at the top', [1, 2], /\(top level\): must be a JSON object/],
    ];
    for (const [what, config, message] of cases) {
      it(`${what}: exit 2 with the field path`, async () => {
        fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(config));
        const { code, err } = await cli(['scaffold', '--out', 'p', '--config', 'c.json'], { cwd: dir });
        assert.equal(code, 2, err);
        assert.match(err, message);
        assert.doesNotMatch(err, /TypeError|is not a function|Cannot read properties|is not iterable/);
        assert.equal(fs.existsSync(path.join(dir, 'p')), false, 'something was written');
      });
    }

    it('100,000-deep JSON: a clear error, not a stack overflow', async () => {
      fs.writeFileSync(path.join(dir, 'c.json'), `{"web":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      const { code, err } = await cli(['scaffold', '--out', 'p', '--config', 'c.json'], { cwd: dir });
      assert.equal(code, 2);
      assert.match(err, /web: must be an object/);
    });

    it('a UTF-8 BOM is accepted', async () => {
      fs.writeFileSync(path.join(dir, 'c.json'), `\uFEFF${JSON.stringify({ projectName: 'bom' })}`);
      const { code, err } = await cli(['scaffold', '--out', 'p', '--config', 'c.json'], { cwd: dir });
      assert.equal(code, 0, err);
    });

    it('a real date passes', async () => {
      const config = { scaling: { calendar: { exams: [{ name: 'Leap', start: '2028-02-29', end: '2028-03-01' }] } } };
      fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(config));
      const { code, err } = await cli(['scaffold', '--out', 'p', '--config', 'c.json'], { cwd: dir });
      assert.equal(code, 0, err);
    });

    it('--config on a FIFO is refused, not waited on', async () => {
      execFileSync('mkfifo', [path.join(dir, 'c.json')]);
      const { code, err } = await cli(['scaffold', '--out', 'p', '--config', 'c.json'], { cwd: dir });
      assert.equal(code, 2);
      assert.match(err, /not a regular file/);
    });
  });

  it('scaffold refuses a symlinked sub-folder of --out and writes nothing through it (LOW-11)', async () => {
    fs.mkdirSync(path.join(dir, 'proj'));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'proj', 'moodle'));
    const { code, err } = await cli(['scaffold', '--out', 'proj', '--yes'], { cwd: dir });
    assert.equal(code, 1);
    assert.match(err, /symbolic links where the project's files go: moodle\. Nothing was written/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'elsewhere')), []);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'proj')), ['moodle']);
  });

  it('a closed pipe (moodle-ha … | head) ends quietly, without an EPIPE stack trace (LOW-10)', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'out/src/cli.js'), 'lint', 'test/fixtures', '--no-validator', '--format', 'json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(err, /EPIPE|at .*\(node:/, err);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
