import type Docker from 'dockerode';
import { renderNginxConfig, type LbNode } from '../lb/nginx-config';
import { execIn } from '../docker/containers';
import { tarFiles } from '../docker/tar';
import { MhaError } from '../../common/errors';
import { webNodes, type ReplicaState } from './replica-state';

/** The LB's upstream list follows the web nodes that exist (the ASG's desired capacity). */
export function lbNodesOf(state: ReplicaState, drained: string[] = []): LbNode[] {
  return webNodes(state).map((n) => ({ name: n.name, ip: n.ip, down: drained.includes(n.name) }));
}

/**
 * Writes the config into the LB and reloads nginx gracefully (in-flight requests finish).
 * `activeHealth`: the target group chose these nodes (see renderNginxConfig).
 */
export async function applyLbConfig(docker: Docker, state: ReplicaState, nodes: LbNode[], options: { activeHealth?: boolean } = {}): Promise<void> {
  const lb = state.nodes.find((n) => n.role === 'lb');
  if (!lb || lb.state !== 'running') return;
  const container = docker.getContainer(lb.container);
  const config = renderNginxConfig({ nodes, sticky: state.plan.lb.sticky, activeHealth: options.activeHealth, firewall: state.plan.aws?.firewall });
  await container.putArchive(tarFiles([{ name: 'etc/nginx/conf.d/moodle-ha.conf', content: config }]), { path: '/' });
  const result = await execIn(container, ['nginx', '-s', 'reload']);
  if (result.exitCode !== 0) throw new MhaError('internal', `nginx reload failed: ${result.output}`, { userFixable: false });
}
