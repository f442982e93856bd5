import type { DrillDefinition } from './drill';
import { containerName, execIn } from '../docker/containers';
import { webNodes } from '../replica/replica-state';

/** Every PHP request on the node fails with a fatal error (as a broken PHP build or extension does); static files still answer. */
const BREAK_PHP = "printf 'auto_prepend_file=/nonexistent/moodle-ha-broken.php\\n' > /etc/php/8.2/apache2/conf.d/99-moodle-ha-broken.ini && apache2ctl graceful";

/**
 * One node's PHP breaks. The target group's health check must notice it, traffic must leave it, and
 * (with HealthCheckType ELB) the Auto Scaling group must replace it with a node that users get
 * answers from. A health check on a static file never notices.
 */
export const replaceUnhealthyDrill: DrillDefinition = {
  name: 'replace-unhealthy',
  title: "Break one node's PHP: the target group and the Auto Scaling group must take it out and replace it",
  defaultSeconds: 60,
  usesAws: true,
  async act(env) {
    const plane = env.aws!;
    await env.at(8);
    const webs = webNodes(env.state).filter((n) => n.state === 'running');
    const target = webs.find((w) => w.name === env.lastNode())?.name ?? webs[0].name;
    const disruptAt = env.now();
    const r = await execIn(env.docker.getContainer(containerName(env.state.project, target)), ['sh', '-c', BREAK_PHP]);
    env.event('break-php', target, r.exitCode === 0 ? 'every PHP request fails' : `could not break PHP: ${r.output.trim()}`, disruptAt);
    const h = plane.behaviour.healthCheck;
    return {
      disruptAt,
      targetNode: undefined,
      notes: [
        `Health check ${h.path} every ${h.intervalSeconds} s, unhealthy after ${h.unhealthyThreshold}; ${plane.behaviour.autoScaling.healthCheckType} health for the Auto Scaling group (AWS time ${plane.clock.factor}× faster).`,
        ...(plane.behaviour.staticHealthPath ? [`${h.path} is a static file: it answers 200 while PHP is broken.`] : []),
      ],
    };
  },
  expect(s, _state, events, _users, { series, aws }) {
    const broken = events.find((e) => e.kind === 'break-php');
    const limit = 30;
    const lastFailure = s.recoverSeconds;
    const newNodes = (aws?.launched ?? []).filter((n) => series.some((b) => (b.byNode[n] ?? 0) > 0));
    return [
      { text: `users stopped getting errors within ${limit} s of the break (last error ${lastFailure === null ? '—' : `${lastFailure.toFixed(1)} s`} after it)`, ok: lastFailure !== null && lastFailure <= limit },
      { text: `a replacement node answered users (${newNodes.length ? newNodes.join(', ') : 'none'}) instead of ${broken?.node ?? 'the broken node'}`, ok: newNodes.length > 0 },
      { text: 'no session lost', ok: s.sessionsLost === 0 },
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
    ];
  },
};
