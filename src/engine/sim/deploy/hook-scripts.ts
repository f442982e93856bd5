import * as fs from 'node:fs';
import * as path from 'node:path';
import { assetsRoot } from '../sim-assets';
import type { ReplicaPlan } from '../plan/replica-plan';
import { appCacheAddress, sessionSavePath } from '../plan/addresses';

/** CodeDeploy's lifecycle order for an in-place deployment, as appspec.yml hooks. */
export const HOOK_ORDER = ['application-stop', 'before-install', 'after-install', 'application-start', 'validate-service'] as const;
export type HookName = (typeof HOOK_ORDER)[number];

/**
 * The scaffolder's app bundle (infra-templates/**\/moodle/: hooks/, config.php.template,
 * render-config.php…), so the replica runs exactly what CodeDeploy will run; sim/deploy-hooks/
 * (same layout and contract) only when that is not shipped. Returns the bundle folder.
 */
export function locateHooks(simDir: string, explicit?: string): { dir: string; source: 'scaffolder' | 'stand-in' | 'given' } {
  if (explicit) return { dir: explicit, source: 'given' };
  const found = findHooksDir(path.join(assetsRoot(simDir), 'infra-templates'), 0);
  if (found) return { dir: path.dirname(found), source: 'scaffolder' };
  return { dir: path.join(simDir, 'deploy-hooks'), source: 'stand-in' };
}

function findHooksDir(dir: string, depth: number): string | undefined {
  if (depth > 6 || !fs.existsSync(dir)) return undefined;
  if (path.basename(dir) === 'hooks' && path.basename(path.dirname(dir)) === 'moodle' && HOOK_ORDER.every((h) => fs.existsSync(path.join(dir, `${h}.sh`)))) return dir;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) {
      const hit = findHooksDir(path.join(dir, e.name), depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

export interface HookSettings {
  codeDir: string;
  dataDir: string;
  plan: ReplicaPlan;
  prefix: string;
  dbPassword: string;
}

/**
 * The hook contract: configured only by environment variables. MOODLE_CONFIG_SOURCE=env: the
 * config.php values come from this environment (on EC2 they come from a file and Secrets Manager).
 */
export function hookEnv(s: HookSettings): Record<string, string> {
  const postgres = s.plan.database.family === 'postgres';
  const redis = s.plan.cache.kind === 'redis';
  return {
    MOODLE_CODE_DIR: s.codeDir,
    MOODLE_DATA_DIR: s.dataDir,
    MOODLE_PHP: '/usr/bin/php',
    MOODLE_WEB_USER: 'www-data',
    MOODLE_HEALTH_URL: 'http://127.0.0.1/login/index.php',
    // Apache is the container's main process: a graceful restart reloads PHP without stopping it.
    MOODLE_RESTART_CMD: 'apache2ctl graceful',
    MOODLE_CONFIG_SOURCE: 'env',
    MOODLE_HEALTH_ATTEMPTS: '10',
    MOODLE_HEALTH_WAIT: '1',
    MOODLE_LOCK_TIMEOUT: '300',
    MOODLE_LOCAL_CACHE_DIR: '/var/cache/moodle',
    MOODLE_WWWROOT: `http://127.0.0.1:${s.plan.lb.port}`,
    MOODLE_SSLPROXY: '0',
    MOODLE_DB_TYPE: postgres ? 'pgsql' : 'mariadb',
    MOODLE_DB_HOST: `${s.prefix}.3`,
    MOODLE_DB_PORT: postgres ? '5432' : '3306',
    MOODLE_DB_NAME: 'moodle',
    MOODLE_DB_USER: 'moodle',
    MOODLE_DB_PASS: s.dbPassword,
    MOODLE_SESSION_HANDLER: s.plan.cache.kind,
    MOODLE_SESSION_HOST: redis ? `${s.prefix}.${s.plan.cache.replica ? 6 : 4}` : `${s.prefix}.4`,
    MOODLE_SESSION_PORT: redis ? '6379' : '11211',
    ...(redis ? {} : { MOODLE_MEMCACHED_SAVE_PATH: sessionSavePath(s.plan, s.prefix) }),
    MOODLE_SESSION_TLS: '0',
    ...appCacheEnv(s.plan, s.prefix),
  };
}

/** What ops/configure-muc.php reads (the template's user data sets the same names); nothing without an application cache. */
export function appCacheEnv(plan: ReplicaPlan, prefix: string): Record<string, string> {
  if (!plan.appCache) return {};
  return { MOODLE_MUC_REDIS_HOST: appCacheAddress(prefix), MOODLE_MUC_REDIS_PORT: '6379', MOODLE_MUC_REDIS_TLS: '0' };
}

/** `$version = N` from a code folder's version.php (Moodle's and the probe's). */
export function readCodeVersion(codeDir: string): string {
  for (const candidate of ['version.php', 'public/version.php']) {
    try {
      const text = fs.readFileSync(path.join(codeDir, candidate), 'utf8');
      const m = /\$version\s*=\s*([0-9.]+)/.exec(text);
      if (m) return m[1];
    } catch { /* next */ }
  }
  return 'unknown';
}
