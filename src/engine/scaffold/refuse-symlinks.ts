import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MhaError } from '../common/errors';

/**
 * The scaffolder writes only inside the folder the user chose: a symlinked sub-folder (or file)
 * under it would send appspec.yml, the hooks and render-config.php somewhere else. The chosen folder
 * itself may be a link; everything below it is checked with lstat, component by component.
 */
export async function refuseSymlinksBelow(outDir: string, relativePaths: string[]): Promise<void> {
  const checked = new Map<string, boolean>();
  const linked = new Set<string>();
  for (const relative of relativePaths) {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      if (!checked.has(sub)) {
        const stat = await fs.lstat(path.join(outDir, sub)).catch(() => undefined);
        checked.set(sub, !!stat?.isSymbolicLink());
        if (!stat) break; // missing: nothing below it exists either
      }
      if (checked.get(sub)) { linked.add(sub); break; }
    }
  }
  if (linked.size) {
    throw new MhaError('scaffold.write', `${outDir} has symbolic links where the project's files go: ${[...linked].sort().join(', ')}. Nothing was written.`, {
      nextStep: 'Remove the links (or scaffold into a folder without them), then scaffold again.',
    });
  }
}
