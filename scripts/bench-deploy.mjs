// node scripts/bench-deploy.mjs — what a deploy costs in API calls, and how fast events show.
// Prints figures; asserts nothing (performance is never a timed test).
//   1. against moto (127.0.0.1): calls per create, update, no-change deploy, big template via S3, delete,
//      with the engine's default poll intervals (1 s active, 2 s idle)
//   2. against the scripted endpoint: a 20-resource create spread over ~20 s, to measure the poll
//      rate while CloudFormation works (moto finishes inside the API call) and the delay from an
//      event's timestamp to the moment the engine reports it
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
if (!fs.existsSync(path.join(root, 'out/src/engine/deploy/deploy-stack.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const out = (p) => require(path.join(root, 'out', p));
const { createAwsClientFactory } = out('src/engine/deploy/aws-clients.js');
const { deployStack } = out('src/engine/deploy/deploy-stack.js');
const { planDelete, executeDelete } = out('src/engine/deploy/delete-stack.js');
const { DeployState } = out('src/engine/deploy/deploy-state.js');
const { silentLogger } = out('src/engine/common/logger.js');
const { startMoto, MOTO_CREDENTIALS } = out('test/support/moto.js');
const { ScriptedCloudFormation, successfulCreate } = out('test/support/scripted-cloudformation.js');
const { webTemplate, bigTemplate } = out('test/integration/deploy/templates.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bench-deploy-'));
const state = new DeployState(path.join(work, 'state.json'));
const host = (onMessage = () => {}) => ({
  logger: silentLogger, emit: onMessage,
  confirmChangeSet: async () => true, confirmCreateBucket: async () => true,
});
const row = (label, calls, ms) => console.log(`  ${label.padEnd(34)} ${String(calls.total).padStart(3)} calls  ${String(ms).padStart(6)} ms  ${JSON.stringify(calls.byOperation())}`);

console.log('1. calls per operation against moto_server (default poll intervals)');
const moto = await startMoto();
try {
  const clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: moto.endpoint, credentials: MOTO_CREDENTIALS });
  const measure = async (label, fn) => {
    clients.calls.reset();
    const t = Date.now();
    const result = await fn();
    row(label, clients.calls, Date.now() - t);
    return result;
  };
  const deploy = (text, parameters) => deployStack(clients, { stackName: 'bench', templateFile: 'bench.yaml', templateText: text, parameters, state }, host());
  await measure('create (change set)', () => deploy(webTemplate()));
  await measure('update (parameter change)', () => deploy(webTemplate(), { Env: 'prod' }));
  await measure('no-change deploy', () => deploy(webTemplate(), { Env: 'prod' }));
  await measure('delete', async () => executeDelete(clients, await planDelete(clients, 'bench'), { emit: () => {} }));
  await measure('create, 56 KB template via S3', () => deploy(bigTemplate(), { Env: 'test' }));
} finally {
  await moto.stop();
}

console.log('\n2. a 20-resource create over ~20 s (scripted endpoint: moto has no per-resource events)');
const cfn = await new ScriptedCloudFormation().start();
try {
  const resources = Array.from({ length: 20 }, (_, i) => ({ id: `Res${i}`, type: 'AWS::EC2::SecurityGroup' }));
  cfn.timelines.execute = (s) => successfulCreate(s.name, resources, 500);
  cfn.plannedChanges = resources.map((r) => ({ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: r.id, ResourceType: r.type } }));
  const clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: cfn.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const delays = [];
  let executedAt = 0;
  const t = Date.now();
  await deployStack(clients, { stackName: 'bench20', templateFile: 'bench.yaml', templateText: webTemplate(), state }, host((m) => {
    if (m.kind === 'resource' && m.resource.time) delays.push(Date.now() - m.resource.time.valueOf());
  }));
  executedAt = cfn.callsTo('ExecuteChangeSet')[0].at;
  const eventCalls = cfn.callsTo('DescribeStackEvents').filter((c) => c.at >= executedAt);
  const followMs = (eventCalls.at(-1)?.at ?? executedAt) - executedAt;
  const followCalls = cfn.calls.filter((c) => c.at >= executedAt && c.action !== 'ExecuteChangeSet').length;
  row('create, 20 resources', clients.calls, Date.now() - t);
  delays.sort((a, b) => a - b);
  console.log(`  while following: ${followCalls} calls in ${(followMs / 1000).toFixed(1)} s = ${(followCalls / (followMs / 1000)).toFixed(2)} calls/s (target ≤ 1)`);
  console.log(`  event → reported: p50 ${delays[Math.floor(delays.length / 2)]} ms, max ${delays.at(-1)} ms over ${delays.length} events (target ≤ 2000)`);
} finally {
  await cfn.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
