import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type Docker from 'dockerode';
import { containerName, createNode, execIn } from '../docker/containers';
import { webAddress, webNodeName } from '../plan/addresses';
import { applyLbConfig } from '../replica/lb-config';
import { CODE_DIR, DATA_DIR, webSpec } from '../replica/node-specs';
import { specContext } from '../replica/scale';
import { dataVolume, type ReplicaState } from '../replica/replica-state';
import { LABEL_PROJECT } from '../docker/labels';
import { containersOf, type SimContext } from '../replica/sim-context';
import { deployNode, type DeployStep } from '../deploy/rolling-deploy';
import { hookEnv, locateHooks } from '../deploy/hook-scripts';
import type { HealthCheckSpec } from './aws-behaviour';
import type { CheckAnswer } from './target-group';
import type { Revision } from './deployment-group';

/**
 * The AWS stand-ins' hands on the replica: HTTP health checks to a node's own address on the
 * project network (never anything else), the LB's upstream list, web containers created and
 * removed as EC2 instances, and CodeDeploy's hooks run inside a node.
 */

/** One health-check request as the ALB sends it: to the node's address, Host = that address, no cookies, no redirects followed. */
export function checkNode(ip: string, spec: HealthCheckSpec, timeoutMs: number): Promise<CheckAnswer> {
  const port = spec.port === 'traffic-port' ? 80 : spec.port;
  return new Promise((resolve) => {
    const req = http.request({ host: ip, port, path: spec.path, method: 'GET', headers: { host: port === 80 ? ip : `${ip}:${port}`, 'user-agent': 'ELB-HealthChecker/2.0' }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => { req.destroy(); resolve({ error: `timeout after ${timeoutMs} ms` }); });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

/** The LB follows the target group: one nginx config at a time (reloads never interleave). */
export function lbRouter(docker: Docker, state: ReplicaState): (targets: Array<{ id: string; ip: string }>) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (targets) => {
    chain = chain.then(() => applyLbConfig(docker, state, targets.map((t) => ({ name: t.id, ip: t.ip })), { activeHealth: true })).catch(() => undefined);
    return chain;
  };
}

/** Web-node indexes already used in this replica (by name), so a launched node never reuses a name. */
export function nextWebIndex(used: Set<number>, zones: string[], zone: string): number {
  for (let i = 1; i < 240; i++) if (!used.has(i) && zoneOfIndex(i, zones) === zone) return i;
  throw new Error('no free web-node address left on the project network');
}

/** Nodes web-1, web-2… are spread over the zones in turn, as an ASG balances them. */
export function zoneOfIndex(index: number, zones: string[]): string {
  return zones.length ? zones[(index - 1) % zones.length] : 'a';
}

/**
 * Boots a web node as the launch template does: the image is the AMI with PHP and Apache, the
 * shared volume is the EFS mount, the user-data files are written before start. No code: that is
 * CodeDeploy's job (the launch hook).
 */
export async function launchWebNode(ctx: SimContext, state: ReplicaState, index: number): Promise<{ id: string; ip: string }> {
  const name = webNodeName(index);
  const ip = webAddress(state.prefix, index);
  await requireSharedStorage(ctx.docker, state.project);
  const specs = await specContext(ctx, state);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-ami-'));
  try {
    const containers = containersOf(ctx);
    const id = await createNode(containers, { ...webSpec(specs, name, ip, empty, 'asg'), extraLabels: { 'moodle-ha.code': 'asg', 'moodle-ha.launched-by': 'auto-scaling' } });
    try {
      await containers.start(id);
      for (let i = 0; i < 100; i++) {
        const r = await containers.exec(id, ['sh', '-c', 'curl -s -o /dev/null http://127.0.0.1/ && echo up']).catch(() => ({ exitCode: 1, output: '' }));
        if (r.output.includes('up')) return { id: name, ip };
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`${name}: Apache did not answer after boot`);
    } catch (error) {
      // A launch that fails leaves nothing behind, as EC2 terminates an instance that never came up.
      await containers.remove(id, { force: true }).catch(() => undefined);
      throw error;
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

/**
 * A launch into a replica that is being removed must not mount its moodledata volume by name:
 * Docker would quietly create an empty, unlabelled one that no sweep removes and the next replica
 * of the project would then reuse (with whatever the leftover nodes wrote in it).
 */
async function requireSharedStorage(docker: Docker, project: string): Promise<void> {
  const name = dataVolume(project);
  const labels = await docker.getVolume(name).inspect().then((v) => (v as { Labels?: Record<string, string> | null }).Labels ?? {}, () => undefined);
  if (labels?.[LABEL_PROJECT] !== project) throw new Error(`${name}: the replica's shared storage is gone (the replica is being removed), so no node is launched`);
}

export async function nodeRunning(docker: Docker, project: string, id: string): Promise<boolean> {
  try {
    return (await docker.getContainer(containerName(project, id)).inspect()).State.Running === true;
  } catch {
    return false;
  }
}

export async function terminateNode(docker: Docker, project: string, id: string): Promise<void> {
  await docker.getContainer(containerName(project, id)).remove({ force: true }).catch(() => undefined);
}

/**
 * CodeDeploy's hooks with a revision inside one node (the bundle's hooks, as the replica's rolling
 * deploy runs them), with the database password the secret holds now. A failure says which hook and
 * why, and whether the revision is older than the database (Moodle's refused downgrade).
 */
export async function installRevision(ctx: SimContext, state: ReplicaState, id: string, revision: Revision, dbPassword: string): Promise<{ ok: boolean; detail: string; downgrade: boolean }> {
  const container = ctx.docker.getContainer(containerName(state.project, id));
  const bundle = state.plan.aws?.bundleDir && fs.existsSync(state.plan.aws.bundleDir) ? state.plan.aws.bundleDir : locateHooks(ctx.simDir).dir;
  // CodeDeploy gives hooks the deployment's id; the bundle records it (site upgrade's fleet check reads it).
  const env = { ...hookEnv({ codeDir: CODE_DIR, dataDir: DATA_DIR, plan: state.plan, prefix: state.prefix, dbPassword }), DEPLOYMENT_ID: revision.id };
  const step: DeployStep = { node: id, outcome: 'deployed', hooks: [] };
  let ok: boolean;
  try {
    ok = await deployNode(container, revision.codeDir, bundle, env, step);
  } catch (error) {
    return { ok: false, detail: `the node went away: ${(error as Error).message.split('\n')[0]}`, downgrade: false };
  }
  if (ok) return { ok: true, detail: `revision ${revision.id}`, downgrade: false };
  const failed = step.hooks[step.hooks.length - 1];
  const tail = failed.output.trim().split('\n').slice(-2).join(' | ');
  const check = await execIn(container, ['php', `${CODE_DIR}/admin/cli/upgrade.php`, '--is-pending'], {}, 'www-data').catch(() => ({ exitCode: -1, output: '' }));
  const downgrade = /downgrad|older than the database/i.test(check.output);
  return { ok: false, detail: `${failed.hook} exited ${failed.exitCode}: ${tail}${downgrade ? ` [upgrade.php: ${check.output.trim().split('\n')[0]}]` : ''}`, downgrade };
}

/** The code a running node serves, copied out as the revision CodeDeploy last deployed successfully. */
export async function snapshotRevision(docker: Docker, project: string, node: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-revision-'));
  const stream = await docker.getContainer(containerName(project, node)).getArchive({ path: CODE_DIR });
  const tar = spawn('tar', ['-x', '-C', dir, '--strip-components=1'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d) => { stderr += d; });
  (stream as NodeJS.ReadableStream).pipe(tar.stdin);
  await new Promise<void>((resolve, reject) => tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`reading the code of ${node}: ${stderr}`)))));
  fs.rmSync(path.join(dir, 'config.php'), { force: true });
  return dir;
}
