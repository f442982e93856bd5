import type { DrillEnv } from './drill';

/**
 * Drill time at which the target group stops routing to `node` (marked unhealthy, or taken out as
 * the Auto Scaling group terminates it), polled until `until`; undefined if it never did. This is
 * when an ALB "notices": it has no passive check, so until then it keeps sending users to the node.
 */
export async function watchTargetLeaves(env: DrillEnv, node: string, until: number): Promise<number | undefined> {
  const tg = env.aws!.targetGroup;
  while (env.now() < until && !env.signal?.aborted) {
    // Noticed once the load balancer has stopped sending it new requests (its new node list is
    // applied), not when the target group's verdict is made: requests in between still reach it.
    if (!tg.inService().includes(node)) return env.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
