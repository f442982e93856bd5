import * as path from 'node:path';
import type { ReplicaPlan } from '../plan/replica-plan';
import { sessionSavePath } from '../plan/addresses';
import type { NodeSpec } from '../docker/containers';
import { renderMoodleConfig } from '../moodle/config-php';
import { userDataFiles } from '../aws/user-data';

export const CODE_DIR = '/var/www/moodle';
export const DATA_DIR = '/mnt/moodledata';
export const CONFIG_SOURCE = '/etc/mha/config.php';

export interface SpecContext {
  plan: ReplicaPlan;
  session: string;
  network: string;
  prefix: string;
  dbPassword: string;
  images: Record<'web' | 'lb' | 'db' | 'cache', string>;
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

export function cacheSpecs(ctx: SpecContext): NodeSpec[] {
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

export function webSpec(ctx: SpecContext, name: string, ip: string, codeDir: string, codeVersion: string): NodeSpec {
  const moodle = ctx.plan.app.kind === 'moodle';
  return {
    ...base(ctx), node: name, role: 'web', image: ctx.images.web, ip,
    env: {
      MHA_NODE_NAME: name,
      MHA_CODE_DIR: CODE_DIR,
      MHA_DATA_DIR: DATA_DIR,
      MHA_DB_FAMILY: ctx.plan.database.family,
      MHA_DB_HOST: `${ctx.prefix}.3`,
      MHA_DB_NAME: 'moodle',
      MHA_DB_USER: 'moodle',
      MHA_DB_PASS: ctx.dbPassword,
      MHA_CACHE_KIND: ctx.plan.cache.kind,
      MHA_SESSION_SAVE_PATH: sessionSavePath(ctx.plan, ctx.prefix),
    },
    volumes: { [ctx.dataVolume]: DATA_DIR },
    // Probe: its own health page. Moodle: Apache answering at all (the site may still be installing).
    health: moodle ? "curl -s -o /dev/null http://127.0.0.1/login/index.php" : 'curl -fsS -o /dev/null http://127.0.0.1/health.php',
    files: [
      { name: CONFIG_SOURCE, content: renderMoodleConfig(ctx.plan, ctx.prefix, ctx.dbPassword) },
      ...(moodle ? [{ name: `${CODE_DIR}/config.php`, content: renderMoodleConfig(ctx.plan, ctx.prefix, ctx.dbPassword) }] : []),
      ...userDataFiles(ctx.plan),
    ],
    copyDir: { from: codeDir, to: CODE_DIR },
    extraLabels: { 'moodle-ha.code': codeVersion },
  };
}

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
