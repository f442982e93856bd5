import * as path from 'node:path';
import type { ReplicaPlan } from '../plan/replica-plan';
import type { NodeSpec } from '../docker/containers';
import { nodeConfigFiles } from '../moodle/node-config';
import { userDataFiles } from '../aws/user-data';
import { APP_CACHE_NODE, appCacheAddress } from '../plan/addresses';

export const CODE_DIR = '/var/www/moodle';
export const DATA_DIR = '/mnt/moodledata';

export interface SpecContext {
  plan: ReplicaPlan;
  session: string;
  network: string;
  prefix: string;
  dbPassword: string;
  images: Record<'web' | 'lb' | 'db' | 'cache', string> & { appCache?: string };
  simDir: string;
  dataVolume: string;
  dbVolume: string;
}

const tcpCheck = (port: number) => `bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port}'`;

export function dbSpec(ctx: SpecContext): NodeSpec {
  const postgres = ctx.plan.database.family === 'postgres';
  return {
    ...base(ctx), node: 'db', role: 'db', image: ctx.images.db, ip: `${ctx.prefix}.3`,
    env: { MHA_DB_NAME: 'moodle', MHA_DB_USER: 'moodle', MHA_DB_PASS: ctx.dbPassword },
    volumes: { [ctx.dbVolume]: postgres ? '/var/lib/postgresql/data' : '/var/lib/mysql' },
    // TCP only answers after first-start initialisation (which runs with networking off).
    health: postgres ? 'pg_isready -q -h 127.0.0.1' : tcpCheck(3306),
  };
}

/** The session cache's nodes, then the application cache's Redis when the plan has one. */
export function cacheSpecs(ctx: SpecContext): NodeSpec[] {
  return [...sessionCacheSpecs(ctx), ...(ctx.plan.appCache ? [appCacheSpec(ctx)] : [])];
}

/** One Redis, no replica: Moodle rebuilds its application cache, so a lost node costs speed, not data. */
function appCacheSpec(ctx: SpecContext): NodeSpec {
  if (!ctx.images.appCache) throw new Error('the plan has an application cache but no Redis image was prepared for it');
  return { ...base(ctx), node: APP_CACHE_NODE, role: 'cache', image: ctx.images.appCache, ip: appCacheAddress(ctx.prefix), env: { MHA_ROLE: 'primary' }, health: 'redis-cli ping | grep -q PONG' };
}

function sessionCacheSpecs(ctx: SpecContext): NodeSpec[] {
  const p = ctx.prefix;
  if (ctx.plan.cache.kind === 'memcached') {
    return [{ ...base(ctx), node: 'cache-1', role: 'cache', image: ctx.images.cache, ip: `${p}.4`, health: tcpCheck(11211) }];
  }
  const primary: NodeSpec = { ...base(ctx), node: 'cache-1', role: 'cache', image: ctx.images.cache, ip: `${p}.4`, env: { MHA_ROLE: 'primary' }, health: 'redis-cli ping | grep -q PONG' };
  if (!ctx.plan.cache.replica) return [primary];
  primary.env = { ...primary.env, MHA_SENTINEL_IP: `${p}.6` };
  return [
    primary,
    { ...base(ctx), node: 'cache-2', role: 'cache', image: ctx.images.cache, ip: `${p}.5`, env: { MHA_ROLE: 'replica', MHA_PRIMARY_IP: `${p}.4`, MHA_SENTINEL_IP: `${p}.6` }, health: 'redis-cli ping | grep -q PONG' },
    { ...base(ctx), node: 'cache-endpoint', role: 'cache', image: ctx.images.cache, ip: `${p}.6`, env: { MHA_ROLE: 'endpoint', MHA_PRIMARY_IP: `${p}.4`, MHA_REPLICA_IP: `${p}.5` }, health: 'redis-cli -p 6379 ping | grep -q PONG' },
  ];
}

/** `codeInImage`: the web image already holds the code (see ensureCodeImage), so nothing is copied. */
export function webSpec(ctx: SpecContext, name: string, ip: string, codeDir: string, codeVersion: string, codeInImage = isCodeImage(ctx.images.web)): NodeSpec {
  return {
    ...base(ctx), node: name, role: 'web', image: ctx.images.web, ip,
    // Every setting the app reads is in the config.php the node renders from the scaffold bundle.
    env: { MHA_NODE_NAME: name, MHA_CODE_DIR: CODE_DIR },
    volumes: { [ctx.dataVolume]: DATA_DIR },
    // The load balancer's target: a static file, as the template's user data writes it (Moodle-independent).
    health: 'curl -fsS -o /dev/null http://127.0.0.1/moodle-ha-health',
    files: [...nodeConfigFiles(ctx.simDir, { codeDir: CODE_DIR, dataDir: DATA_DIR, plan: ctx.plan, prefix: ctx.prefix, dbPassword: ctx.dbPassword }), ...userDataFiles(ctx.plan)],
    copyDir: codeInImage ? undefined : { from: codeDir, to: CODE_DIR },
    extraLabels: { 'moodle-ha.code': codeVersion },
  };
}

export function isCodeImage(image: string): boolean { return image.startsWith('moodle-ha/web-code:'); }

export function lbSpec(ctx: SpecContext, config: string): NodeSpec {
  return {
    ...base(ctx), node: 'lb', role: 'lb', image: ctx.images.lb, ip: `${ctx.prefix}.2`, publish: ctx.plan.lb.port,
    health: tcpCheck(80),
    files: [{ name: '/etc/nginx/conf.d/moodle-ha.conf', content: config }],
  };
}

/** The app folder a fresh web node gets: the user's Moodle checkout, or the probe. */
export function defaultCodeDir(plan: ReplicaPlan, simDir: string): string {
  return plan.app.kind === 'moodle' ? plan.app.dir : path.join(simDir, 'probe');
}

function base(ctx: SpecContext) {
  return { project: ctx.plan.project, session: ctx.session, network: ctx.network };
}
