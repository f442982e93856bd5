import * as fs from 'node:fs';
import { MhaError } from '../../common/errors';
import type { ActionMarks, DrillDefinition, DrillEnv } from './drill';
import { readCodeVersion } from '../deploy/hook-scripts';
import { makeProbeRelease, runningCodeVersion } from './rolling-deploy-drill';
import { longestOutage, servedAtEnd } from './served';

/** A Moodle major upgrade takes minutes; the release made for the drill takes this long (AWS time). */
export const UPGRADE_AWS_SECONDS = 150;

/**
 * A newer version through the template's deployment group while the target group checks the nodes
 * and the Auto Scaling group watches them. The scaffold's weak points show here: a health check on
 * a Moodle page fails on every node while the upgrade holds the site in maintenance, the ASG
 * replaces the fleet, the replacements boot the last successful (older) revision, and Moodle
 * refuses that downgrade.
 */
export function upgradeDrill(codeDir?: string): DrillDefinition {
  return { ...upgradeDrillBase, act: (env) => actUpgrade(env, codeDir) };
}

const upgradeDrillBase: DrillDefinition = {
  name: 'upgrade',
  title: 'Upgrade to a newer version through the deployment group (health check and Auto Scaling watching)',
  defaultSeconds: 90,
  usesAws: true,
  act: (env) => actUpgrade(env, undefined),
  expect(s, _state, _events, _users, { series, aws }) {
    const outage = longestOutage(series, 5);
    return [
      { text: `users were served throughout: no failed request (${s.failed} failed; ${s.maintenance} maintenance pages counted apart)`, ok: s.failed === 0 },
      { text: `no second without an answer outside maintenance (longest: ${outage} s)`, ok: outage === 0 },
      { text: 'users got answers at the end of the drill', ok: servedAtEnd(series) },
      { text: `the Auto Scaling group replaced no node (${aws?.replaced ?? 0} replaced, ${aws?.abandoned ?? 0} replacement(s) abandoned)`, ok: (aws?.replaced ?? 0) === 0 },
      { text: `no node was refused as a downgrade (${aws?.downgradesRefused ?? 0})`, ok: (aws?.downgradesRefused ?? 0) === 0 },
      { text: 'the deployment of the new version succeeded', ok: !!aws?.deployments.some((d) => d.kind === 'deployment' && d.status === 'Succeeded') },
    ];
  },
};

/** `codeDir`: the newer release to deploy (a copy of the user's Moodle); else a newer probe release. */
async function actUpgrade(env: DrillEnv, codeDir: string | undefined): Promise<ActionMarks> {
  const plane = env.aws!;
  if (env.state.plan.app.kind === 'moodle' && !codeDir) {
    throw new MhaError('usage', 'The upgrade drill on real Moodle needs the newer release to deploy.', {
      nextStep: "Give it with --code DIR: a copy of your Moodle with a newer version.php (core or a plugin), outside the replica's code folder.",
    });
  }
  await env.at(5);
  const running = await runningCodeVersion(env);
  const upgradeSeconds = Math.max(2, Math.round(UPGRADE_AWS_SECONDS / plane.clock.factor));
  const dir = codeDir ?? makeProbeRelease(env.ctx.simDir, { version: running + 1, upgradeSeconds });
  try {
    env.event('release', undefined, codeDir ? `${codeDir} (version ${readCodeVersion(codeDir)})` : `version ${running + 1}; its database upgrade takes ${UPGRADE_AWS_SECONDS} s of AWS time`);
    const outcome = await plane.deploy(dir, 'r2');
    env.event(outcome.status === 'Succeeded' ? 'deploy-done' : 'deploy-failed', undefined, outcome.rollback ? `rolled back: ${outcome.rollback.status}` : outcome.detail);
    return {
      disruptAt: 5,
      notes: [
        `AWS time ran ${plane.clock.factor}× faster than the drill: health checks every ${plane.behaviour.healthCheck.intervalSeconds / plane.clock.factor} s, grace period ${plane.behaviour.autoScaling.gracePeriodSeconds / plane.clock.factor} s, the upgrade ${upgradeSeconds} s.`,
        ...outcome.nodes.map((n) => `${n.id}: ${n.outcome}${n.detail ? ` (${n.detail})` : ''}`),
        ...(outcome.rollback ? [`rollback to ${outcome.rollback.revision.id}: ${outcome.rollback.status}${outcome.rollback.detail ? ` (${outcome.rollback.detail})` : ''}`] : []),
      ],
    };
  } finally {
    if (!codeDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
