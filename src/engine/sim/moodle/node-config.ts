import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_PHP_TEMPLATE, RENDER_CONFIG_PHP } from '../../scaffold/bundle/config-template';
import { CONFIGURE_MUC_PHP } from '../../scaffold/bundle/ops-scripts';
import { hookEnv, locateHooks, type HookSettings } from '../deploy/hook-scripts';
import type { TarEntry } from '../docker/tar';

/** Where a web node keeps the bundle it renders config.php from, and the values it renders with. */
export const NODE_BUNDLE_DIR = '/opt/moodle-ha/bundle';
export const NODE_RENDER_ENV = '/etc/mha/render.env';
/** The bundle's script that maps Moodle's application cache to its Redis (run after install, as on EC2). */
export const NODE_CONFIGURE_MUC = `${NODE_BUNDLE_DIR}/ops/configure-muc.php`;

/**
 * The scaffold bundle's config.php.template and render-config.php, as CodeDeploy would unpack them:
 * from the scaffolded project the deploy drills use (infra-templates/**\/moodle/), else the ones the
 * scaffolder writes today. The replica never writes config.php itself, so it is as right or as wrong
 * as the scaffolded file.
 */
export function configBundle(simDir: string, hooksDir?: string): { template: string; renderer: string; configureMuc: string; source: string } {
  const bundle = locateHooks(simDir, hooksDir).dir;
  const read = (name: string) => { try { return fs.readFileSync(path.join(bundle, name), 'utf8'); } catch { return undefined; } };
  const template = read('config.php.template');
  const renderer = read('render-config.php');
  if (template !== undefined && renderer !== undefined) return { template, renderer, configureMuc: read('ops/configure-muc.php') ?? CONFIGURE_MUC_PHP, source: bundle };
  return { template: CONFIG_PHP_TEMPLATE, renderer: RENDER_CONFIG_PHP, configureMuc: CONFIGURE_MUC_PHP, source: 'the scaffolder (built in)' };
}

/** KEY='value' lines a POSIX shell can source; single quotes inside a value survive. */
export function shellEnvFile(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n') + '\n';
}

/**
 * The files a web node gets before its first start: the entrypoint renders config.php from them
 * (render.env holds the database password, so it is readable by root only, as moodle.env on EC2).
 */
export function nodeConfigFiles(simDir: string, settings: HookSettings): TarEntry[] {
  const { template, renderer, configureMuc } = configBundle(simDir);
  return [
    { name: `${NODE_BUNDLE_DIR}/config.php.template`, content: template },
    { name: `${NODE_BUNDLE_DIR}/render-config.php`, content: renderer },
    { name: NODE_CONFIGURE_MUC, content: configureMuc },
    { name: NODE_RENDER_ENV, content: shellEnvFile(hookEnv(settings)), mode: 0o600 },
  ];
}
