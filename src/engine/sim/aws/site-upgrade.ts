import type Docker from 'dockerode';
import { CODE_VERSION_SCRIPT } from '../../scaffold/cfn/operations';
import { parseCodeVersion } from '../../deploy/ops/fleet-code-check';
import { explainExitCode } from '../../deploy/ops/site-operation-messages';
import { containerName, execIn } from '../docker/containers';
import { CODE_DIR, DATA_DIR } from '../replica/node-specs';
import type { ReplicaState } from '../replica/replica-state';
import { hookEnv } from '../deploy/hook-scripts';

/** Where the bundle's after-install hook installs the operation scripts (MOODLE_OPS_DIR's default). */
export const OPS_IN_NODE = '/opt/moodle-ha/ops';

export interface NodeCodeAnswer { node: string; codeVersion?: string; deployment?: string }

export type SiteUpgradeOutcome =
  /** The bundle has no upgrade operation: its hooks upgrade during the deployment (older scaffolds). */
  | { kind: 'no-operation'; node: string }
  /** Refused before anything changed, as `moodle-ha site upgrade` refuses: the fleet does not run one release. */
  | { kind: 'refused'; reasons: string[]; fleet: NodeCodeAnswer[] }
  | { kind: 'ran'; node: string; exitCode: number; output: string; explanation?: string; fleet: NodeCodeAnswer[] };

/** Every node's code as the template's CodeVersionDocument reports it (the same script, read with sed). */
export async function askNodeCode(docker: Docker, project: string, nodes: string[]): Promise<NodeCodeAnswer[]> {
  const answers: NodeCodeAnswer[] = [];
  for (const node of nodes) {
    const r = await execIn(docker.getContainer(containerName(project, node)), ['bash', '-c', CODE_VERSION_SCRIPT.join('\n')]).catch(() => undefined);
    answers.push({ node, ...(r ? parseCodeVersion(r.output) : {}) });
  }
  return answers;
}

/** Why `site upgrade` must not run yet (empty: every node runs `version` from `deployment`). */
export function fleetProblems(fleet: NodeCodeAnswer[], version: string, deployment: string): string[] {
  const problems: string[] = [];
  for (const n of fleet) {
    if (!n.codeVersion) problems.push(`${n.node} did not say which code it runs`);
    else if (n.codeVersion !== version) problems.push(`${n.node} runs version ${n.codeVersion}, not ${version}`);
    else if (n.deployment && n.deployment !== 'unknown' && n.deployment !== deployment) problems.push(`${n.node} runs deployment ${n.deployment}, not ${deployment}`);
  }
  return problems;
}

/**
 * `moodle-ha site upgrade` as the stack runs it (site-operation.ts → the UpgradeDocument → ops/upgrade.sh):
 * first every running web server is asked which code it runs and the upgrade is refused unless all
 * run the deployed release; then ops/upgrade.sh runs on ONE node, the longest in service. The replica
 * has no RDS, so the script's snapshot step is skipped (MOODLE_DB_SNAPSHOT=none); everything else
 * (deploy lock, maintenance, upgrade.php, purge, maintenance off) is the bundle's own.
 */
export async function runSiteUpgrade(docker: Docker, state: ReplicaState, request: {
  /** In-service nodes, longest-running first. */
  nodes: string[];
  version: string;
  deployment: string;
  dbPassword: string;
}): Promise<SiteUpgradeOutcome> {
  const node = request.nodes[0];
  if (!node) return { kind: 'refused', reasons: ['no web server is in service'], fleet: [] };
  const container = docker.getContainer(containerName(state.project, node));
  const has = await execIn(container, ['test', '-f', `${OPS_IN_NODE}/upgrade.sh`]).catch(() => ({ exitCode: 1, output: '' }));
  if (has.exitCode !== 0) return { kind: 'no-operation', node };
  const fleet = await askNodeCode(docker, state.project, request.nodes);
  const reasons = fleetProblems(fleet, request.version, request.deployment);
  if (reasons.length) return { kind: 'refused', reasons, fleet };
  const env = { ...hookEnv({ codeDir: CODE_DIR, dataDir: DATA_DIR, plan: state.plan, prefix: state.prefix, dbPassword: request.dbPassword }), MOODLE_DB_SNAPSHOT: 'none' };
  const r = await execIn(container, ['bash', `${OPS_IN_NODE}/upgrade.sh`], env);
  return {
    kind: 'ran', node, exitCode: r.exitCode, output: r.output, fleet,
    explanation: r.exitCode === 0 ? undefined : explainExitCode('upgrade', 'Failed', r.exitCode),
  };
}

export interface PendingAnswer { node: string; exitCode: number; message: string }

/** `upgrade.php --is-pending` on each node, as the web user: 0 nothing to do, 2 pending, anything else an error (a downgrade among others). */
export async function isPendingOnEveryNode(docker: Docker, project: string, nodes: string[]): Promise<PendingAnswer[]> {
  const answers: PendingAnswer[] = [];
  for (const node of nodes) {
    const container = docker.getContainer(containerName(project, node));
    const cli = `${CODE_DIR}/admin/cli/upgrade.php`;
    const r = await execIn(container, ['sh', '-c', `f=${cli}; [ -f ${CODE_DIR}/public/admin/cli/upgrade.php ] && f=${CODE_DIR}/public/admin/cli/upgrade.php; exec php "$f" --is-pending`], {}, 'www-data')
      .catch((error: Error) => ({ exitCode: -1, output: error.message }));
    answers.push({ node, exitCode: r.exitCode, message: r.output.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '' });
  }
  return answers;
}

/** The verdict on the checks: pending (or unanswered) anywhere means the upgrade did not happen. */
export function pendingVerdict(answers: PendingAnswer[]): { ok: boolean; text: string } {
  if (!answers.length) return { ok: false, text: 'upgrade.php --is-pending was not asked on any web node' };
  const bad = answers.filter((a) => a.exitCode !== 0);
  const each = answers.map((a) => `${a.node} ${a.exitCode === 2 ? 'pending (exit 2)' : a.exitCode === 0 ? 'up to date' : `exit ${a.exitCode}${a.message ? `: ${a.message}` : ''}`}`).join(', ');
  return bad.length
    ? { ok: false, text: `the database was NOT upgraded: upgrade.php --is-pending on every web node says ${each}` }
    : { ok: true, text: `no upgrade pending: upgrade.php --is-pending on every web node says ${each}` };
}
