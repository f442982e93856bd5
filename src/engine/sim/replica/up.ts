import * as crypto from 'node:crypto';
import * as os from 'node:os';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { throwIfCancelled } from '../../common/cancellation';
import type { ReplicaPlan } from '../plan/replica-plan';
import { chooseSubnetPrefix, planAddresses } from '../plan/addresses';
import { renderNginxConfig } from '../lb/nginx-config';
import { containerName, waitHealthy } from '../docker/containers';
import { startNodes, startOrSweep } from './start-nodes';
import { copyVolumes, findSeed, saveSeed, seedKey } from './seed';
import { BASE_IMAGE, ensureBaseImage, ensureImage, type ImageName } from '../docker/images';
import { chooseFreePort } from '../docker/free-port';
import { checkDocker } from '../docker/docker-client';
import { mapDockerError } from '../docker/docker-errors';
import { LABEL_PLAN, LABEL_PROJECT, LABEL_ROLE, LABEL_SESSION, newSessionId } from '../docker/labels';
import { CODE_DIR, cacheSpecs, dbSpec, defaultCodeDir, lbSpec, webSpec, type SpecContext } from './node-specs';
import { ensureCodeImage } from '../docker/code-image';
import { LABEL_DB_PASSWORD, LABEL_PREFIX, dataVolume, dbVolume, networkName, readReplica, type ReplicaState } from './replica-state';
import { sweepProject } from './down';
import { configureAppCache, installApp } from './install-app';
import { waitForSite } from './wait-site';
import { containersOf, logOf, progressOf, type SimContext } from './sim-context';
import { runRecipe } from './run-recipe';

export interface UpResult { state: ReplicaState; seconds: { images: number; start: number; total: number }; builtImages: string[]; portMoved?: { requested: number; used: number } }

/** Builds what is missing and starts the replica: db + cache, web nodes (code copied in), then the LB. */
export async function upReplica(ctx: SimContext, plan: ReplicaPlan): Promise<UpResult> {
  const { docker, signal } = ctx;
  const log = logOf(ctx), progress = progressOf(ctx);
  const t0 = Date.now();
  await checkDocker(docker);
  const existing = await readReplica(docker, plan.project);
  if (existing?.nodes.some((n) => n.role === 'lb' && n.state === 'running')) {
    throw new MhaError('usage', `The replica '${plan.project}' is already running at ${existing.siteUrl}`, { nextStep: "Use it, or run 'moodle-ha sim down' first." });
  }
  // Whatever a crashed run left (containers, network) goes; data volumes stay for reuse.
  await sweepProject(docker, plan.project, { keepData: true });

  progress({ message: 'Preparing images…', percent: 5 });
  const baseId = await ensureBaseImage(docker, ctx.simDir, ctx.baseImage ?? { isRoot: process.getuid?.() === 0, runRecipe }, progress, log);
  const wanted: Array<[keyof SpecContext['images'], ImageName]> = [
    ['web', 'web'], ['lb', 'lb'],
    ['db', plan.database.family === 'postgres' ? 'db-postgres' : 'db-mariadb'],
    ['cache', plan.cache.kind === 'redis' ? 'cache-redis' : 'cache-memcached'],
    ...(plan.appCache ? [['appCache', 'cache-redis'] as [keyof SpecContext['images'], ImageName]] : []),
  ];
  const images = {} as SpecContext['images'];
  const builtImages: string[] = [];
  // The session cache and the application cache can share the Redis image: each image is checked once.
  const tags = new Map<ImageName, string>();
  for (const [slot, name] of wanted) {
    const known = tags.get(name);
    if (known) { images[slot] = known; continue; }
    throwIfCancelled(signal);
    progress({ message: `Image ${name}…` });
    const result = await ensureImage(docker, ctx.simDir, name, baseId, signal, log);
    tags.set(name, result.tag);
    images[slot] = result.tag;
    if (result.built) builtImages.push(`${name} (${result.seconds.toFixed(0)} s)`);
  }
  const tImages = Date.now();

  const requested = plan.lb.port;
  const { port, moved } = await chooseFreePort(requested);
  if (moved) log.warn(`port ${requested} on 127.0.0.1 is in use: the replica uses ${port}`);
  plan = { ...plan, lb: { ...plan.lb, port } };

  const session = newSessionId();
  const prefix = chooseSubnetPrefix(plan.project, await takenSubnets(docker));
  // Kept data (down --keep-data) keeps its database password: it lives on the volume's labels. New
  // volumes for real Moodle start from a seed of an earlier install of the same code, when there is one.
  const keptPassword = await volumeLabel(docker, dbVolume(plan.project), LABEL_DB_PASSWORD);
  const codeDir = defaultCodeDir(plan, ctx.simDir);
  const key = keptPassword ? undefined : seedKey(plan, codeDir);
  const seed = key ? await findSeed(docker, key) : undefined;
  const dbPassword = keptPassword ?? seed?.dbPassword ?? crypto.randomBytes(12).toString('hex');
  const network = networkName(plan.project);
  const labels = { [LABEL_PROJECT]: plan.project, [LABEL_SESSION]: session };
  try {
    await docker.createNetwork({
      Name: network, Driver: 'bridge', CheckDuplicate: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: `${prefix}.0/24`, Gateway: `${prefix}.1` }] },
      Labels: { ...labels, [LABEL_ROLE]: 'network', [LABEL_PLAN]: JSON.stringify(plan), [LABEL_PREFIX]: prefix, [LABEL_DB_PASSWORD]: dbPassword },
    });
    for (const [name, role] of [[dataVolume(plan.project), 'moodledata'], [dbVolume(plan.project), 'dbdata']]) {
      if (await volumeLabel(docker, name, LABEL_ROLE)) continue;
      await docker.createVolume({ Name: name, Labels: { ...labels, [LABEL_ROLE]: role, ...(role === 'dbdata' ? { [LABEL_DB_PASSWORD]: dbPassword } : {}) } });
    }
    if (seed) {
      progress({ message: 'Copying the installed Moodle (warm start)…', percent: 30 });
      await copyVolumes(docker, images.db, plan.project, [{ from: seed.db, to: dbVolume(plan.project) }, { from: seed.data, to: dataVolume(plan.project) }]);
      log.info(`warm start: database and moodledata from seed ${seed.key}`);
    }
  } catch (error) {
    if (error instanceof MhaError) throw error;
    throw mapDockerError(error, 'creating the network and volumes');
  }
  if (plan.app.kind === 'moodle') {
    // Moodle's ~30k files go into an image once per code tree, not into every node on every start.
    progress({ message: 'Putting the Moodle code into the web image…', percent: 35 });
    const code = await ensureCodeImage(docker, images.web, codeDir, CODE_DIR);
    if (code.built) log.info(`made ${code.tag} from ${codeDir}`);
    images.web = code.tag;
  }
  const ctxSpecs: SpecContext = { plan, session, network, prefix, dbPassword, images, simDir: ctx.simDir, dataVolume: dataVolume(plan.project), dbVolume: dbVolume(plan.project) };

  const containers = containersOf(ctx);
  return startOrSweep(containers, plan.project, async () => {
    progress({ message: 'Starting database and session cache…', percent: 40 });
    await startNodes(containers, [dbSpec(ctxSpecs), ...cacheSpecs(ctxSpecs)], signal);
    progress({ message: `Starting ${plan.web.nodes} web node(s)…`, percent: 60 });
    const webs = planAddresses(plan, prefix).filter((a) => a.role === 'web');
    await startNodes(containers, webs.map((w) => webSpec(ctxSpecs, w.name, w.ip, codeDir, 'v1')), signal);
    if (!seed) progress({ message: plan.app.kind === 'moodle' ? 'Installing Moodle (first start, a few minutes)…' : 'Installing the probe schema…', percent: 75 });
    // A seed is an install that finished (its encryption key included): nothing to run again.
    if (!seed) await installApp(docker, plan, ctxSpecs.plan.project, webs[0].name, signal);
    if (key && !seed) {
      // First install of this code: keep it as the seed of the next warm start (the database stopped
      // for a consistent copy, then started again).
      progress({ message: 'Keeping this install for the next warm start…', percent: 80 });
      const db = containerName(plan.project, 'db');
      await docker.getContainer(db).stop({ t: 30 });
      await saveSeed(docker, images.db, plan.project, key, { db: dbVolume(plan.project), data: dataVolume(plan.project) }, dbPassword);
      await containers.start(db);
      await waitHealthy(containers, db, 'db', 120_000, signal);
    }
    const muc = await configureAppCache(docker, plan, prefix, webs[0].name, signal);
    if (muc) log.info(muc);
    progress({ message: 'Starting the load balancer…', percent: 85 });
    await startNodes(containers, [lbSpec(ctxSpecs, renderNginxConfig({ nodes: webs, sticky: plan.lb.sticky, firewall: plan.aws?.firewall }))], signal);
    const state = (await readReplica(docker, plan.project))!;
    await waitForSite(state.siteUrl, 60_000, signal);
    progress({ message: `Replica running at ${state.siteUrl}`, percent: 100 });
    return { state, builtImages, seconds: { images: (tImages - t0) / 1000, start: (Date.now() - tImages) / 1000, total: (Date.now() - t0) / 1000 }, portMoved: moved ? { requested, used: port } : undefined };
  }, () => sweepProject(docker, plan.project, { keepData: true }));
}

async function volumeLabel(docker: Docker, name: string, label: string): Promise<string | undefined> {
  try {
    return ((await docker.getVolume(name).inspect()) as { Labels?: Record<string, string> }).Labels?.[label];
  } catch {
    return undefined;
  }
}

async function takenSubnets(docker: Docker): Promise<string[]> {
  const taken: string[] = [];
  for (const n of await docker.listNetworks()) for (const c of n.IPAM?.Config ?? []) if (c.Subnet) taken.push(c.Subnet);
  for (const list of Object.values(os.networkInterfaces())) for (const i of list ?? []) if (i.family === 'IPv4') taken.push(i.address);
  return taken;
}

export { BASE_IMAGE };
