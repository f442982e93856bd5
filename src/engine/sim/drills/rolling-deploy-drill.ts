import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import type { DrillDefinition } from './drill';
import { rollingDeploy } from '../deploy/rolling-deploy';
import { readCodeVersion } from '../deploy/hook-scripts';
import { execIn } from '../docker/containers';
import { readReplica, webNodes } from '../replica/replica-state';
import type { DrillEnv } from './drill';

/** The probe version now live (a previous drill may have deployed a newer one). */
export async function runningCodeVersion(env: DrillEnv): Promise<number> {
  // The replica as it is now: under a template's Auto Scaling group the nodes the drill started
  // with may already have been replaced.
  const now = (await readReplica(env.docker, env.state.project).catch(() => undefined)) ?? env.state;
  // The newer of the code and the database (a rolled-back release leaves the database ahead).
  // config.php runs the probe's setup (CLI: no session), which reads the installed version into $CFG.
  const php = 'define("CLI_SCRIPT", true); require "/var/www/moodle/config.php"; $version = 0; include "/var/www/moodle/version.php"; echo max((int)$version, (int)$CFG->version);';
  for (const web of webNodes(now).filter((n) => n.state === 'running')) {
    const r = await execIn(env.docker.getContainer(web.container), ['php', '-r', php]).catch(() => undefined);
    if (r && r.exitCode === 0) return Number(r.output.trim()) || 0;
  }
  return 0;
}

/**
 * A new version of the probe (version.php + 1, so upgrade.php --is-pending says 2) copied from sim/probe.
 * `broken`: its login page answers 500, so validate-service fails and the deploy must roll back.
 */
export function makeProbeRelease(simDir: string, options: { broken?: boolean; version?: number; upgradeSeconds?: number } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-release-'));
  fs.cpSync(path.join(simDir, 'probe'), dir, { recursive: true });
  const versionFile = path.join(dir, 'version.php');
  const next = options.version ?? Number(readCodeVersion(dir)) + 1;
  fs.writeFileSync(versionFile, fs.readFileSync(versionFile, 'utf8').replace(/\$version\s*=\s*[0-9]+/, `$version = ${next}`)
    // How long this release's database upgrade takes (upgrade.php sleeps it): Moodle's take minutes.
    + (options.upgradeSeconds ? `$upgradeseconds = ${Math.round(options.upgradeSeconds)};\n` : ''));
  if (options.broken) fs.writeFileSync(path.join(dir, 'login', 'index.php'), "<?php\nhttp_response_code(500);\necho 'broken release';\n");
  return dir;
}

export function rollingDeployDrill(options: { broken?: boolean; codeDir?: string } = {}): DrillDefinition {
  return {
    name: options.broken ? 'rolling-deploy-broken' : 'rolling-deploy',
    title: options.broken ? 'Rolling deploy of a broken release (automatic rollback)' : 'Rolling deploy of a new version, one node at a time',
    defaultSeconds: 25,
    loadUntilActionDone: true,
    async act(env) {
      if (options.broken && !options.codeDir && env.state.plan.app.kind === 'moodle') {
        throw new MhaError('usage', 'rolling-deploy-broken breaks the probe app on purpose; it has no broken release of your Moodle to deploy.', {
          nextStep: "Run it on a replica without --moodle, or deploy a broken copy of your Moodle yourself with 'moodle-ha sim deploy <dir>'.",
        });
      }
      await env.at(5);
      const running = await runningCodeVersion(env);
      const codeDir = options.codeDir ?? (env.state.plan.app.kind === 'moodle' ? env.state.plan.app.dir : makeProbeRelease(env.ctx.simDir, { broken: options.broken, version: running + 1 }));
      env.event('deploy', undefined, `version ${readCodeVersion(codeDir)}`);
      const result = await rollingDeploy(env.ctx, env.state.project, codeDir, { onEvent: (kind, node, detail) => env.event(kind, node, detail) });
      env.event(result.rolledBack ? 'rolled-back' : 'deploy-done', undefined, `${result.hooksSource} hooks`);
      if (!options.codeDir && env.state.plan.app.kind !== 'moodle') fs.rmSync(codeDir, { recursive: true, force: true });
      return { notes: [`hooks: ${result.hooksSource}`, ...result.steps.map((s) => `${s.node}: ${s.outcome}${s.detail ? ` (${s.detail})` : ''}`)] };
    },
    expect(s, _state, events) {
      const rolledBack = events.some((e) => e.kind === 'rolled-back');
      return [
        options.broken ? { text: 'the broken release was rolled back', ok: rolledBack } : { text: 'every node deployed', ok: events.some((e) => e.kind === 'deploy-done') },
        { text: 'no failed request (maintenance-mode answers are counted apart)', ok: s.failed === 0 },
        { text: 'no session lost', ok: s.sessionsLost === 0 },
        { text: 'no upload lost', ok: s.uploadsLost === 0 },
      ];
    },
  };
}
