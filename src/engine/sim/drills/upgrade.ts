import * as fs from 'node:fs';
import { MhaError } from '../../common/errors';
import type { ActionMarks, DrillDefinition, DrillEnv } from './drill';
import { readCodeVersion } from '../deploy/hook-scripts';
import { makeProbeRelease, runningCodeVersion } from './rolling-deploy-drill';
import { longestOutage, servedAtEnd } from './served';
import { isPendingOnEveryNode, pendingVerdict, runSiteUpgrade, type PendingAnswer, type SiteUpgradeOutcome } from '../aws/site-upgrade';

/** A Moodle major upgrade takes minutes; the release made for the drill takes this long (AWS time). */
export const UPGRADE_AWS_SECONDS = 150;

/** After the upgrade the load goes on this long (drill seconds), so the report shows the site open again. */
export const AFTER_UPGRADE_SECONDS = 15;

export interface UpgradeDrillOptions {
  /** The newer release to deploy (a copy of the user's Moodle); else a newer probe release. */
  codeDir?: string;
  /**
   * false: deploy only, without `moodle-ha site upgrade` afterwards — what a team that forgets the
   * operation gets. The drill must then fail on the upgrade still pending (tests show it does).
   */
  siteUpgrade?: boolean;
}

/**
 * A newer version through the template's deployment group while the target group checks the nodes
 * and the Auto Scaling group watches them, then the scaffold's explicit upgrade operation, as on
 * AWS (`moodle-ha site upgrade`: fleet check, ops/upgrade.sh on one node), and at the end
 * `upgrade.php --is-pending` on every node in service. The scaffold's weak points show here: a
 * health check on a Moodle page fails on every node while the upgrade holds the site in
 * maintenance, the ASG replaces the fleet, the replacements boot the last successful (older)
 * revision, and Moodle refuses that downgrade. The load runs until all of that is over.
 */
export function upgradeDrill(o: UpgradeDrillOptions = {}): DrillDefinition {
  // Filled by the action, read by the verdict (one definition per run).
  const seen: { operation?: SiteUpgradeOutcome | 'skipped'; pending: PendingAnswer[] } = { pending: [] };
  return {
    name: 'upgrade',
    title: 'Upgrade to a newer version: deployment group, then site upgrade (health check and Auto Scaling watching)',
    defaultSeconds: 90,
    usesAws: true,
    loadUntilActionDone: true,
    act: (env) => actUpgrade(env, o, seen),
    expect(s, _state, _events, _users, { series, aws }) {
      const outage = longestOutage(series, 5);
      return [
        { text: `users were served throughout: no failed request (${s.failed} failed; ${s.maintenance} maintenance pages counted apart)`, ok: s.failed === 0 },
        { text: `no second without an answer outside maintenance (longest: ${outage} s)`, ok: outage === 0 },
        { text: 'users got answers at the end of the drill', ok: servedAtEnd(series) },
        { text: `the Auto Scaling group replaced no node (${aws?.replaced ?? 0} replaced, ${aws?.abandoned ?? 0} replacement(s) abandoned)`, ok: (aws?.replaced ?? 0) === 0 },
        { text: `no node was refused as a downgrade (${aws?.downgradesRefused ?? 0})`, ok: (aws?.downgradesRefused ?? 0) === 0 },
        { text: 'the deployment of the new version succeeded', ok: !!aws?.deployments.some((d) => d.kind === 'deployment' && d.status === 'Succeeded') },
        operationExpectation(seen.operation),
        pendingVerdict(seen.pending),
      ];
    },
  };
}

function operationExpectation(op: SiteUpgradeOutcome | 'skipped' | undefined): { text: string; ok: boolean } {
  if (op === undefined) return { text: 'the upgrade operation was not run (the deployment did not succeed)', ok: false };
  if (op === 'skipped') return { text: 'the upgrade operation (site upgrade) was skipped on request', ok: false };
  switch (op.kind) {
    case 'no-operation': return { text: "the bundle has no upgrade operation (ops/upgrade.sh): its hooks upgrade during the deployment", ok: true };
    case 'refused': return { text: `site upgrade refused to run: ${op.reasons.join('; ')}`, ok: false };
    case 'ran': return { text: `site upgrade (ops/upgrade.sh on ${op.node}) ${op.exitCode === 0 ? 'succeeded' : `failed with exit ${op.exitCode}: ${op.explanation ?? ''}`}`, ok: op.exitCode === 0 };
  }
}

async function actUpgrade(env: DrillEnv, options: UpgradeDrillOptions, seen: { operation?: SiteUpgradeOutcome | 'skipped'; pending: PendingAnswer[] }): Promise<ActionMarks> {
  const plane = env.aws!;
  const { codeDir } = options;
  if (env.state.plan.app.kind === 'moodle' && !codeDir) {
    throw new MhaError('usage', 'The upgrade drill on real Moodle needs the newer release to deploy.', {
      nextStep: "Give it with --code DIR: a copy of your Moodle with a newer version.php (core or a plugin), outside the replica's code folder.",
    });
  }
  await env.at(5);
  const running = await runningCodeVersion(env);
  const upgradeSeconds = Math.max(2, Math.round(UPGRADE_AWS_SECONDS / plane.clock.factor));
  const dir = codeDir ?? makeProbeRelease(env.ctx.simDir, { version: running + 1, upgradeSeconds });
  const notes: string[] = [];
  try {
    const version = readCodeVersion(dir);
    env.event('release', undefined, codeDir ? `${codeDir} (version ${version})` : `version ${running + 1}; its database upgrade takes ${UPGRADE_AWS_SECONDS} s of AWS time`);
    const outcome = await plane.deploy(dir, 'r2');
    env.event(outcome.status === 'Succeeded' ? 'deploy-done' : 'deploy-failed', undefined, outcome.rollback ? `rolled back: ${outcome.rollback.status}` : outcome.detail);
    notes.push(
      `AWS time ran ${plane.clock.factor}× faster than the drill: health checks every ${plane.behaviour.healthCheck.intervalSeconds / plane.clock.factor} s, grace period ${plane.behaviour.autoScaling.gracePeriodSeconds / plane.clock.factor} s${codeDir ? '' : `, the upgrade ${upgradeSeconds} s`}.`,
      ...outcome.nodes.map((n) => `${n.id}: ${n.outcome}${n.detail ? ` (${n.detail})` : ''}`),
      ...(outcome.rollback ? [`rollback to ${outcome.rollback.revision.id}: ${outcome.rollback.status}${outcome.rollback.detail ? ` (${outcome.rollback.detail})` : ''}`] : []),
    );
    if (outcome.status === 'Succeeded') {
      if (options.siteUpgrade === false) {
        seen.operation = 'skipped';
        env.event('site-upgrade-skipped', undefined, 'the deployment only; moodle-ha site upgrade not run');
      } else {
        seen.operation = await siteUpgrade(env, version, outcome.revision.id);
        notes.push(describeOperation(seen.operation));
      }
    }
    // The load goes on until here and a little longer: the site must open again after the upgrade.
    await env.at(env.now() + AFTER_UPGRADE_SECONDS);
    seen.pending = await isPendingOnEveryNode(env.docker, env.state.project, plane.asg.inService().map((i) => i.id));
    for (const p of seen.pending) env.event('is-pending', p.node, `upgrade.php --is-pending exit ${p.exitCode}${p.message ? `: ${p.message}` : ''}`);
    return { disruptAt: 5, notes };
  } finally {
    if (!codeDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `moodle-ha site upgrade`, after the deployment has reached every node (the stack's way). */
async function siteUpgrade(env: DrillEnv, version: string, deployment: string): Promise<SiteUpgradeOutcome> {
  const plane = env.aws!;
  const nodes = plane.asg.inService().map((i) => i.id);
  env.event('site-upgrade', nodes[0], `moodle-ha site upgrade: fleet check on ${nodes.join(', ')}, then ops/upgrade.sh on ${nodes[0] ?? 'no node'}`);
  const op = await runSiteUpgrade(env.docker, env.state, { nodes, version, deployment, dbPassword: plane.secret.current().password });
  switch (op.kind) {
    case 'no-operation': env.event('site-upgrade-none', op.node, 'the bundle has no ops/upgrade.sh'); break;
    case 'refused': env.event('site-upgrade-refused', undefined, op.reasons.join('; ')); break;
    case 'ran': env.event(op.exitCode === 0 ? 'site-upgraded' : 'site-upgrade-failed', op.node, op.output.trim().split('\n').slice(-2).join(' | ')); break;
  }
  return op;
}

function describeOperation(op: SiteUpgradeOutcome): string {
  switch (op.kind) {
    case 'no-operation': return `site upgrade: the bundle has no ops/upgrade.sh on ${op.node} (its hooks upgrade during the deployment)`;
    case 'refused': return `site upgrade refused: ${op.reasons.join('; ')}`;
    case 'ran': return `site upgrade on ${op.node} (fleet: ${op.fleet.map((n) => `${n.node} ${n.codeVersion ?? '?'}`).join(', ')}; no RDS snapshot in the replica): exit ${op.exitCode}`;
  }
}
