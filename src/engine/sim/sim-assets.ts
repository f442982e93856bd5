import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finds the shipped `sim/` folder (Dockerfiles, probe app, base-image recipe) from wherever this
 * code runs: out/src/engine/sim (tests), dist/ (CLI and extension bundle) or the source tree.
 */
export function locateSimAssets(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'sim', 'images', 'web', 'Dockerfile'))) return path.join(dir, 'sim');
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find the sim/ assets above ${start}`);
}

/** The project root beside `sim/` (where infra-templates/ lives in a checkout). */
export function assetsRoot(simDir: string): string {
  return path.dirname(simDir);
}
