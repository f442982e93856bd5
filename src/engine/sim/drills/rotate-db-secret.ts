import type { DrillDefinition } from './drill';
import type { DrillSummary, Expectation } from './drill-report';
import { longestOutage, servedAtEnd } from './served';

/**
 * Rotates the database secret as RDS managed rotation does (the user's password changes in the
 * database, the secret's AWSCURRENT moves, nobody tells the nodes). A stack whose nodes copied the
 * master password into config.php loses its database on every request; one whose nodes use
 * Moodle's own, non-rotating user does not notice.
 */
export const rotateDbSecretDrill: DrillDefinition = {
  name: 'rotate-db-secret',
  title: 'Rotate the database secret (RDS managed rotation)',
  defaultSeconds: 40,
  usesAws: true,
  async act(env) {
    const plane = env.aws!;
    await env.at(8);
    const disruptAt = env.now();
    const r = await plane.rotateSecret();
    env.event('secret-rotated', undefined, `${r.rotated}: ${r.username}'s password changed${r.nodesAffected ? '; the nodes were not told' : ''}`, disruptAt);
    return {
      disruptAt,
      notes: [
        `Database credentials: ${plane.behaviour.db.evidence}.`,
        r.nodesAffected
          ? 'The nodes render config.php at deploy time: they keep the old password until something renders it again (a new deployment, or a RotationSucceeded rule that re-renders it).'
          : "Moodle's own user keeps its password: the rotation of the master secret does not reach the site.",
        'After the drill the original password is put back so the replica keeps working.',
      ],
    };
  },
  expect(s, _state, _events, _users, { series }) {
    const outage = longestOutage(series, 8);
    return [
      failedAfterRotation(s),
      { text: `no second without an answer after the rotation (longest: ${outage} s)`, ok: outage === 0 },
      { text: 'users got answers at the end of the drill', ok: servedAtEnd(series) },
      { text: 'no session lost', ok: s.sessionsLost === 0 },
    ];
  },
};

/**
 * The rotation's own verdict: only requests that ended after it count (one in flight at that moment
 * may have met the new password). Failures before it are not the rotation's doing; they are named
 * in the text, not dropped, and do not decide this drill.
 */
export function failedAfterRotation(s: Pick<DrillSummary, 'failed' | 'failedBeforeDisruption'>): Expectation {
  const before = s.failedBeforeDisruption ?? 0;
  const after = s.failed - before;
  const earlier = before ? `; ${before} failed before the rotation, not its doing (see the failures below)` : '';
  return { text: `the site kept serving after the rotation: no failed request after it (${after} failed after${earlier})`, ok: after === 0 };
}
