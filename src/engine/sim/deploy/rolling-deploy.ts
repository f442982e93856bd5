import * as fs from 'node:fs';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { delay, throwIfCancelled } from '../../common/cancellation';
import { copyDirInto, execIn } from '../docker/containers';
import { requireReplica, webNodes, type ReplicaNode, type ReplicaState } from '../replica/replica-state';
import { applyLbConfig, lbNodesOf } from '../replica/lb-config';
import { CODE_DIR, DATA_DIR } from '../replica/node-specs';
import type { SimContext } from '../replica/sim-context';
import { logOf } from '../replica/sim-context';
import { HOOK_ORDER, hookEnv, locateHooks, readCodeVersion, type HookName } from './hook-scripts';

export interface HookRun { hook: HookName | 'install'; exitCode: number; output: string; seconds: number }
export interface DeployStep { node: string; outcome: 'deployed' | 'failed' | 'rolled back'; detail?: string; hooks: HookRun[] }
export interface DeployResult { version: string; previousVersion?: string; steps: DeployStep[]; rolledBack: boolean; hooksSource: string }

export interface DeployOptions {
  hooksDir?: string;
  onEvent?: (kind: string, node?: string, detail?: string) => void;
  /** How long a drained node keeps finishing in-flight requests before its code changes. */
  drainMs?: number;
}

/** The app bundle (hooks/ and what they read) is copied into each node, as CodeDeploy unpacks a revision. */
const BUNDLE_IN_NODE = '/opt/moodle-ha/bundle';
const HOOKS_IN_NODE = `${BUNDLE_IN_NODE}/hooks`;
const PREVIOUS = `${CODE_DIR}.previous`;

/**
 * Deploys a code folder to the web nodes one at a time, as CodeDeploy's OneAtATime in-place
 * deployment does: drain the node from the LB, run the hook scripts inside it, validate, put it back.
 * Code is per node (copied into each container, never onto the shared moodledata volume), so nodes
 * can run different versions during the roll. A node failing validate-service rolls every node
 * already done back to its previous code. (A database upgrade that already ran is not undone: as on
 * AWS, that needs a restore; the probe's old code keeps serving on the newer schema.)
 */
export async function rollingDeploy(ctx: SimContext, project: string, codeDir: string, options: DeployOptions = {}): Promise<DeployResult> {
  const { docker, signal } = ctx;
  if (!fs.existsSync(codeDir)) throw new MhaError('usage', `No such code folder '${codeDir}'.`);
  const state = await requireReplica(docker, project);
  const nodes = webNodes(state).filter((n) => n.state === 'running');
  if (!nodes.length) throw new MhaError('sim.notRunning', 'No running web node to deploy to.');
  const hooks = locateHooks(ctx.simDir, options.hooksDir);
  const version = readCodeVersion(codeDir);
  const emit = options.onEvent ?? (() => undefined);
  const log = logOf(ctx);
  log.info(`rolling deploy of ${codeDir} (version ${version}) with ${hooks.source} hooks from ${hooks.dir}`);
  const steps: DeployStep[] = [];
  const done: ReplicaNode[] = [];

  for (const node of nodes) {
    throwIfCancelled(signal);
    const container = docker.getContainer(node.container);
    emit('drain', node.name);
    await applyLbConfig(docker, state, lbNodesOf(state, [node.name]));
    await delay(options.drainMs ?? 1000, signal);
    const step: DeployStep = { node: node.name, outcome: 'deployed', hooks: [] };
    steps.push(step);
    const env = hookEnv({ codeDir: CODE_DIR, dataDir: DATA_DIR, plan: state.plan, prefix: state.prefix, dbPassword: state.dbPassword });
    const ok = await deployNode(container, codeDir, hooks.dir, env, step);
    if (!ok) {
      step.outcome = 'failed';
      const failed = step.hooks[step.hooks.length - 1];
      step.detail = `${failed.hook} exited ${failed.exitCode}: ${failed.output.trim().split('\n').slice(-3).join(' | ')}`;
      emit('deploy-failed', node.name, step.detail);
      for (const back of [node, ...done.reverse()]) {
        const restored = await rollbackNode(docker.getContainer(back.container), env);
        emit('rollback', back.name, restored ? 'previous code restored' : 'rollback failed');
        if (back !== node) steps.push({ node: back.name, outcome: 'rolled back', hooks: [] });
      }
      await leaveMaintenanceIfCurrent(docker.getContainer(node.container), emit, node.name);
      await applyLbConfig(docker, state, lbNodesOf(state));
      return { version, steps, rolledBack: true, hooksSource: hooks.source };
    }
    await applyLbConfig(docker, state, lbNodesOf(state));
    emit('deployed', node.name, `version ${version}`);
    done.push(node);
  }
  await upgradeOnce(docker, done[0], state, emit);
  return { version, steps, rolledBack: false, hooksSource: hooks.source };
}

/**
 * After a rollback the old code is back on every node. If it matches the database (nothing to
 * upgrade), the maintenance the failed release's hooks turned on is lifted, so the site serves.
 */
async function leaveMaintenanceIfCurrent(container: Docker.Container, emit: (kind: string, node: string, detail?: string) => void, name: string): Promise<void> {
  const pending = await execIn(container, ['php', `${CODE_DIR}/admin/cli/upgrade.php`, '--is-pending'], {}, 'www-data').catch(() => ({ exitCode: -1, output: '' }));
  if (pending.exitCode !== 0) return;
  const off = await execIn(container, ['php', `${CODE_DIR}/admin/cli/maintenance.php`, '--disable'], {}, 'www-data').catch(() => ({ exitCode: -1, output: '' }));
  if (off.exitCode === 0) emit('maintenance-off', name, 'the previous code matches the database');
}

/**
 * The scaffold bundle's deploy leaves the whole fleet in maintenance when the code is newer than
 * the database; the upgrade is then one explicit operation after the last node (on AWS, `moodle-ha
 * site upgrade`). The replica runs it the same way, once, on one node, without an RDS snapshot.
 */
async function upgradeOnce(docker: Docker, node: ReplicaNode | undefined, state: ReplicaState, emit: (kind: string, node: string, detail?: string) => void): Promise<void> {
  if (!node) return;
  const container = docker.getContainer(node.container);
  const env = { ...hookEnv({ codeDir: CODE_DIR, dataDir: DATA_DIR, plan: state.plan, prefix: state.prefix, dbPassword: state.dbPassword }), MOODLE_DB_SNAPSHOT: 'none' };
  const has = await execIn(container, ['test', '-x', '/opt/moodle-ha/ops/upgrade.sh']).catch(() => ({ exitCode: 1, output: '' }));
  if (has.exitCode !== 0) return; // hooks that upgrade during the deploy (the built-in ones) need no step
  const r = await execIn(container, ['bash', '/opt/moodle-ha/ops/upgrade.sh'], env);
  emit(r.exitCode === 0 ? 'upgraded' : 'upgrade-failed', node.name, r.output.trim().split('\n').slice(-2).join(' | '));
}

/** One node: keep the old code for rollback, then the hooks around the Install step (shared with the AWS deployment group). */
export async function deployNode(container: Docker.Container, codeDir: string, bundleDir: string, env: Record<string, string>, step: DeployStep): Promise<boolean> {
  await execIn(container, ['sh', '-c', `rm -rf ${BUNDLE_IN_NODE} && mkdir -p ${BUNDLE_IN_NODE}`]);
  await copyDirInto(container, bundleDir, BUNDLE_IN_NODE);
  const run = async (hook: HookName) => {
    const t = Date.now();
    const r = await execIn(container, ['bash', `${HOOKS_IN_NODE}/${hook}.sh`], env);
    step.hooks.push({ hook, exitCode: r.exitCode, output: r.output, seconds: (Date.now() - t) / 1000 });
    return r.exitCode === 0;
  };
  // Kept for rollback before BeforeInstall empties the code folder.
  const keep = await execIn(container, ['sh', '-c', `rm -rf ${PREVIOUS} && cp -a ${CODE_DIR} ${PREVIOUS}`]);
  if (keep.exitCode !== 0) { step.hooks.push({ hook: 'install', exitCode: keep.exitCode, output: keep.output, seconds: 0 }); return false; }
  for (const hook of HOOK_ORDER.slice(0, 2)) if (!(await run(hook))) return false;
  // CodeDeploy's Install step: the revision's code onto this node's local disk (never shared storage).
  const t = Date.now();
  const prep = await execIn(container, ['sh', '-c', `mkdir -p ${CODE_DIR} && find ${CODE_DIR} -mindepth 1 -delete`]);
  if (prep.exitCode === 0) await copyDirInto(container, codeDir, CODE_DIR);
  step.hooks.push({ hook: 'install', exitCode: prep.exitCode, output: prep.output, seconds: (Date.now() - t) / 1000 });
  if (prep.exitCode !== 0) return false;
  for (const hook of HOOK_ORDER.slice(2)) if (!(await run(hook))) return false;
  return true;
}

async function rollbackNode(container: Docker.Container, env: Record<string, string>): Promise<boolean> {
  const restore = await execIn(container, ['sh', '-c', `test -d ${PREVIOUS} && rm -rf ${CODE_DIR} && mv ${PREVIOUS} ${CODE_DIR}`]);
  if (restore.exitCode !== 0) return false;
  const start = await execIn(container, ['bash', `${HOOKS_IN_NODE}/application-start.sh`], env);
  const valid = await execIn(container, ['bash', `${HOOKS_IN_NODE}/validate-service.sh`], env);
  return start.exitCode === 0 && valid.exitCode === 0;
}

export type { ReplicaState };
