import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Conflict, ConflictChoice } from '../../engine/scaffold/write-plan';

/**
 * Asks, per existing file, whether to overwrite it, skip it, or look at the difference first
 * (VS Code's diff editor: the file as it is ↔ what the scaffolder would write). Never silent.
 */
export function conflictResolver(outDir: string): (conflict: Conflict) => Promise<ConflictChoice> {
  let forAll: ConflictChoice | undefined;
  return async (conflict) => {
    if (forAll) return forAll;
    for (;;) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Overwrite', value: 'overwrite' },
          { label: 'Skip', description: 'keep the file as it is', value: 'skip' },
          { label: 'Show Diff', description: 'then decide', value: 'diff' },
          { label: 'Overwrite All', description: 'every remaining changed file', value: 'overwrite-all' },
          { label: 'Skip All', description: 'every remaining changed file', value: 'skip-all' },
        ],
        { title: `${conflict.path} already exists and differs`, placeHolder: 'What should happen to this file?', ignoreFocusOut: true },
      );
      if (!choice) return 'cancel';
      if (choice.value === 'diff') {
        await showDiff(outDir, conflict);
        continue;
      }
      if (choice.value === 'overwrite-all' || choice.value === 'skip-all') {
        forAll = choice.value === 'overwrite-all' ? 'overwrite' : 'skip';
        return forAll;
      }
      return choice.value as ConflictChoice;
    }
  };
}

async function showDiff(outDir: string, conflict: Conflict): Promise<void> {
  const proposed = path.join(os.tmpdir(), 'moodle-ha-scaffold', conflict.path);
  await fs.mkdir(path.dirname(proposed), { recursive: true });
  await fs.writeFile(proposed, conflict.planned);
  await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(path.join(outDir, conflict.path)), vscode.Uri.file(proposed), `${conflict.path}: yours ↔ scaffolded`, { preview: true });
}
