import type { HaTopology } from '../../topology/types';
import { MhaError } from '../../common/errors';
import { DEFAULT_LB_PORT, DEFAULT_PROJECT, MAX_LOCAL_NODES, type PlanOptions, type ReplicaPlan } from './replica-plan';

/** Pure: HaTopology (+ options) → the replica to run. Unknown values fall back to an HA-shaped default. */
export function planReplica(topology: HaTopology, options: PlanOptions = {}): ReplicaPlan {
  const notes: string[] = [];
  const project = options.project ?? DEFAULT_PROJECT;
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(project)) {
    throw new MhaError('usage', `Project name '${project}' is not usable for Docker resources.`, { nextStep: 'Use lower-case letters, digits and dashes (max 31).' });
  }
  const ceiling = Math.max(1, options.maxLocalNodes ?? MAX_LOCAL_NODES);

  let min = 1, max = ceiling, desired = 2;
  let server: 'apache' | 'nginx' = 'apache';
  if (topology.webTier.found) {
    const w = topology.webTier;
    const asg = options.aws?.autoScaling;
    min = known(w.minSize) ?? asg?.min ?? min;
    max = known(w.maxSize) ?? asg?.max ?? Math.max(min, 2);
    desired = known(w.desiredCapacity) ?? asg?.desired ?? Math.max(min, 2);
    if (w.webServer !== 'unknown') server = w.webServer;
    if (server === 'nginx') notes.push('the template serves with nginx + PHP-FPM; the replica\'s web nodes run Apache + mod_php (same PHP, same extensions)');
    notes.push(`web tier from ${w.asgLogicalId}: min ${min}, max ${max}, desired ${desired}`);
  } else {
    notes.push(`no web tier in the template (${topology.webTier.reason}): 2 nodes`);
  }
  let nodes = options.nodes ?? desired;
  if (options.nodes !== undefined && (!Number.isInteger(options.nodes) || options.nodes < 1)) {
    throw new MhaError('usage', `--nodes must be a whole number from 1 to ${ceiling}.`);
  }
  const clamped = clamp(nodes, Math.max(1, Math.min(min, ceiling)), Math.min(Math.max(max, 1), ceiling));
  if (clamped !== nodes) notes.push(`${nodes} web nodes clamped to ${clamped} (template ${min}..${max}, local ceiling ${ceiling})`);
  nodes = clamped;

  let family: 'mysql' | 'postgres' = 'mysql';
  let engine = 'mariadb';
  if (topology.database.found) {
    family = topology.database.family;
    engine = topology.database.engine;
    notes.push(`database ${engine} → ${family === 'postgres' ? 'PostgreSQL 15' : 'MariaDB 10.11'}`);
  } else {
    notes.push(`no database in the template (${topology.database.reason}): MariaDB`);
  }

  let cache: ReplicaPlan['cache'] = { kind: 'memcached', replica: false };
  if (topology.sessionCache.found) {
    const c = topology.sessionCache;
    if (c.kind === 'memcached') cache = { kind: 'memcached', replica: false };
    else cache = { kind: 'redis', replica: c.automaticFailover === true || c.multiAz === true || (known(c.nodeCount) ?? 1) > 1 };
    notes.push(`session cache ${c.kind} (${c.logicalId}) → ${cache.kind}${cache.replica ? ' primary + replica with automatic promotion' : ', one node'}`);
  } else {
    notes.push(`no session cache in the template (${topology.sessionCache.reason}): one memcached`);
  }
  if (options.cache) cache = options.cache;
  if (cache.kind === 'redis' && cache.replica) {
    const fromTemplate = topology.sessionCache.found ? topology.sessionCache.failoverLockSweep : undefined;
    const lockSweep = options.lockSweep ?? (topology.sessionCache.found ? fromTemplate === true : true);
    cache = { ...cache, lockSweep };
    notes.push(lockSweep
      ? `failover lock sweep: on (${options.lockSweep !== undefined ? '--lock-sweep' : topology.sessionCache.found ? 'the template subscribes code to the cache\'s failover notification' : 'the scaffold\'s design'}): after a promotion the dead requests' session locks are deleted`
      : `failover lock sweep: off (${options.lockSweep !== undefined ? '--lock-sweep off' : 'the template has none'}): after a promotion the dead requests' session locks stay until they expire`);
  }

  const appCache = options.appCache ?? setsApplicationCache(topology);
  notes.push(appCache
    ? `application cache (MUC): ${options.appCache !== undefined ? 'asked for' : 'the template\'s user data sets MOODLE_MUC_REDIS_HOST'} → a Redis of its own (app-cache), mapped by the bundle's ops/configure-muc.php`
    : 'application cache (MUC): the file store in moodledata (the template maps it nowhere else)');

  if (options.aws) {
    const a = options.aws;
    notes.push(`target group health check ${a.healthCheck.path} (matcher ${a.healthCheck.matcher}, every ${a.healthCheck.intervalSeconds} s, ${a.healthCheck.healthyThreshold} healthy / ${a.healthCheck.unhealthyThreshold} unhealthy)${a.staticHealthPath ? ', served by the user data as a static file' : a.phpHealthPath ? ', served by the user data with PHP outside Moodle' : ''}`);
    notes.push(`Auto Scaling: ${a.autoScaling.healthCheckType} health, grace ${a.autoScaling.gracePeriodSeconds} s, zones ${a.autoScaling.zones.join(', ')}; CodeDeploy ${a.deploymentGroup.type === 'BLUE_GREEN' ? 'blue/green' : `in place ${a.deploymentGroup.config}`}${a.deploymentGroup.autoRollback.enabled ? ', auto-rollback' : ''}; database credentials: ${a.db.evidence}`);
    notes.push(a.firewall
      ? `web ACL ${a.firewall.webAclId}: rule ${a.firewall.ruleName} blocks request bodies over ${a.firewall.blocksBodiesOverBytes} bytes, so the load balancer answers them 403 (AWS WAF's stand-in)`
      : 'web ACL: no rule of the template blocks request bodies before Moodle (uploads reach the nodes)');
  }
  const app: ReplicaPlan['app'] = options.moodle ? { kind: 'moodle', ...options.moodle } : { kind: 'probe' };
  return {
    project,
    web: { nodes, min: Math.min(min, ceiling), max: Math.min(Math.max(max, nodes), ceiling), server },
    database: { family, engine },
    cache,
    ...(appCache ? { appCache } : {}),
    lb: { port: options.lbPort ?? DEFAULT_LB_PORT, sticky: options.sticky ?? false },
    app,
    notes,
    ...(options.aws ? { aws: options.aws } : {}),
    ...(options.template ? { template: options.template } : {}),
  };
}

/** The scaffold's contract: the user data hands the MUC store's host to config.php's renderer. */
function setsApplicationCache(topology: HaTopology): boolean {
  if (!topology.webTier.found) return false;
  return /MOODLE_MUC_REDIS_HOST=/.test(`${topology.webTier.userData ?? ''}\n${topology.webTier.bootstrapText ?? ''}`);
}

function known(value: number | 'unknown'): number | undefined {
  return value === 'unknown' ? undefined : value;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
