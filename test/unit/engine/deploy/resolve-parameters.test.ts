import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MhaError } from '../../../../src/engine/common/errors';
import { parameterProblem, resolveParameters } from '../../../../src/engine/deploy/resolve-parameters';
import { templateParameters, type ParameterSpec } from '../../../../src/engine/deploy/template-inputs';
import { TemplateModel } from '../../../../src/engine/template/template-model';

const repro = path.join(__dirname, '../../../../../test/fixtures/security');
const specsOf = (file: string) => templateParameters(TemplateModel.parse(file, fs.readFileSync(path.join(repro, file), 'utf8')));
const resolveIn = (specs: ParameterSpec[], given: Record<string, string> = {}) =>
  resolveParameters(specs, { given, remembered: {}, previousKeys: new Set() });

/**
 * Runs `parameterProblem` on another thread, so a backtracking engine's hang shows as a failure
 * (the worker is terminated) instead of freezing mocha. The limit is far above the few
 * milliseconds a linear engine takes; only an exponential one reaches it.
 */
function problemOffThread(spec: ParameterSpec, value: string): Promise<string | undefined | 'hung'> {
  const modulePath = require.resolve('../../../../src/engine/deploy/resolve-parameters');
  const worker = new Worker(`const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage({ problem: require(workerData.modulePath).parameterProblem(workerData.spec, workerData.value) });`,
  { eval: true, workerData: { modulePath, spec, value } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void worker.terminate(); resolve('hung'); }, 15_000);
    worker.once('message', (m: { problem?: string }) => { clearTimeout(timer); void worker.terminate(); resolve(m.problem); });
    worker.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

describe('parameter values (security review MEDIUM-1, LOW-13)', () => {
  it("checks a catastrophic AllowedPattern ('(a+)+$' against 35 a's and '!') in linear time", async function () {
    this.timeout(30_000);
    const [spec] = specsOf('redos.yaml');
    assert.equal(await problemOffThread(spec, spec.defaultValue!), 'must match (a+)+$');
  });

  it('deploy refuses the ReDoS default with the reason, instead of hanging', async () => {
    await assert.rejects(resolveIn(specsOf('redos.yaml')), (e: MhaError) => /^Parameter 'Name' = 'a{35}!' must match \(a\+\)\+\$/.test(e.message));
  });

  it('names the parameter whose AllowedPattern is not a valid regular expression', async () => {
    const [spec] = specsOf('badregex.yaml');
    assert.match(parameterProblem(spec, 'abc') ?? '', /^AllowedPattern of parameter Name is not a valid regular expression/);
    await assert.rejects(resolveIn([spec]), (e: unknown) => e instanceof MhaError && e.code === 'usage'
      && /^AllowedPattern of parameter Name is not a valid regular expression/.test(e.message) && /Fix the AllowedPattern of Name/.test(e.nextStep ?? ''));
  });

  it('leaves a lookahead pattern (valid Java, not RE2) to CloudFormation instead of refusing it', () => {
    const spec: ParameterSpec = { key: 'P', type: 'String', noEcho: false, allowedPattern: '(?=.*[0-9]).{8,}' } as ParameterSpec;
    assert.equal(parameterProblem(spec, 'whatever'), undefined);
  });

  it('still matches the whole value, as CloudFormation does', () => {
    const spec = { key: 'P', type: 'String', noEcho: false, allowedPattern: '[a-z]+' } as ParameterSpec;
    assert.equal(parameterProblem(spec, 'abc'), undefined);
    assert.equal(parameterProblem(spec, 'abc1'), 'must match [a-z]+');
  });

  for (const value of ['', ' ', '1e999', '-1e999', 'NaN', 'abc']) {
    it(`a Number parameter refuses ${JSON.stringify(value)} (not a finite number)`, () => {
      const spec = { key: 'N', type: 'Number', noEcho: false } as ParameterSpec;
      assert.equal(parameterProblem(spec, value), 'must be a number');
    });
  }

  it('a Number parameter accepts finite numbers', () => {
    const spec = { key: 'N', type: 'Number', noEcho: false } as ParameterSpec;
    for (const value of ['0', '2', '-3.5', '1e3']) assert.equal(parameterProblem(spec, value), undefined, value);
  });
});
