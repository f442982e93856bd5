import type { ReplicaPlan } from './replica-plan';

/**
 * Fixed addresses on the project network. nginx refuses to start when an upstream name does not
 * resolve (a stopped container has no DNS entry), so the LB config names addresses, not hosts.
 */
export interface NodeAddress { name: string; role: 'lb' | 'web' | 'db' | 'cache'; ip: string }

export const WEB_HOST_OFFSET = 11;

/** The application cache's Redis (MUC), apart from the session cache as the template's second replication group. */
export const APP_CACHE_NODE = 'app-cache';
export function appCacheAddress(prefix: string): string { return `${prefix}.7`; }

export function webNodeName(index: number): string { return `web-${index}`; }

export function webAddress(prefix: string, index: number): string { return `${prefix}.${WEB_HOST_OFFSET + index - 1}`; }

/** Every node of the plan with its address; `prefix` is the /24's first three octets. */
export function planAddresses(plan: ReplicaPlan, prefix: string, webIndexes?: number[]): NodeAddress[] {
  const out: NodeAddress[] = [
    { name: 'lb', role: 'lb', ip: `${prefix}.2` },
    { name: 'db', role: 'db', ip: `${prefix}.3` },
    { name: 'cache-1', role: 'cache', ip: `${prefix}.4` },
  ];
  if (plan.cache.kind === 'redis' && plan.cache.replica) {
    out.push({ name: 'cache-2', role: 'cache', ip: `${prefix}.5` }, { name: 'cache-endpoint', role: 'cache', ip: `${prefix}.6` });
  }
  if (plan.appCache) out.push({ name: APP_CACHE_NODE, role: 'cache', ip: appCacheAddress(prefix) });
  const indexes = webIndexes ?? Array.from({ length: plan.web.nodes }, (_, i) => i + 1);
  for (const i of indexes) out.push({ name: webNodeName(i), role: 'web', ip: webAddress(prefix, i) });
  return out;
}

/** Where web nodes send sessions: the single node, or the endpoint that follows a promotion. */
export function sessionSavePath(plan: ReplicaPlan, prefix: string): string {
  if (plan.cache.kind === 'memcached') return `${prefix}.4:11211`;
  const host = plan.cache.replica ? `${prefix}.6` : `${prefix}.4`;
  return `tcp://${host}:6379?timeout=1&read_timeout=2`;
}

/** A /24 in 10.213.0.0/16 that no existing network or interface uses; deterministic per project. */
export function chooseSubnetPrefix(project: string, taken: string[]): string {
  const used = new Set(taken.map((cidr) => cidr.split('.').slice(0, 3).join('.')));
  let start = 0;
  for (const ch of project) start = (start * 31 + ch.charCodeAt(0)) % 250;
  for (let k = 0; k < 250; k++) {
    const prefix = `10.213.${((start + k) % 250) + 1}`;
    if (!used.has(prefix)) return prefix;
  }
  throw new Error('no free /24 in 10.213.0.0/16');
}
