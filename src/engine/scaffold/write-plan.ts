import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { throwIfCancelled } from '../common/cancellation';
import { MhaError } from '../common/errors';
import type { PlannedFile, ScaffoldPlan } from './plan';
import { refuseSymlinksBelow } from './refuse-symlinks';

export type ConflictChoice = 'overwrite' | 'skip' | 'cancel';

export interface Conflict {
  path: string;
  existing: string;
  planned: string;
}

export interface WritePlanOptions {
  /** Asked once per existing file whose content differs. Without it, any such file stops the write. */
  onConflict?: (conflict: Conflict) => ConflictChoice | Promise<ConflictChoice>;
  signal?: AbortSignal;
}

export interface WriteResult {
  written: string[];
  skipped: string[];
  /** Already there with the same content. */
  unchanged: string[];
  cancelled: boolean;
}

/** Existing files the plan would change (same content is not a conflict). */
export async function findConflicts(plan: ScaffoldPlan, outDir: string): Promise<Conflict[]> {
  const conflicts: Conflict[] = [];
  for (const file of plan.files) {
    const existing = await readIfPresent(path.join(outDir, file.path));
    if (existing !== undefined && existing !== file.content) conflicts.push({ path: file.path, existing, planned: file.content });
  }
  return conflicts;
}

/**
 * Writes the plan into `outDir`: every file goes to a temporary folder inside it first and is
 * moved into place only when all were written, so a failure leaves nothing half-written.
 * Existing files are never overwritten silently: `onConflict` decides, or the write stops.
 */
export async function writePlan(plan: ScaffoldPlan, outDir: string, options: WritePlanOptions = {}): Promise<WriteResult> {
  const result: WriteResult = { written: [], skipped: [], unchanged: [], cancelled: false };
  await ensureFolder(outDir);
  await refuseSymlinksBelow(outDir, plan.files.map((f) => f.path));
  const toWrite: PlannedFile[] = [];
  const conflicts = new Map((await findConflicts(plan, outDir)).map((c) => [c.path, c]));
  if (conflicts.size && !options.onConflict) {
    throw new MhaError('scaffold.write', `${conflicts.size} file(s) already exist in ${outDir} with other content:\n${[...conflicts.keys()].map((p) => `  ${p}`).join('\n')}`, { nextStep: 'Choose another folder, or overwrite them on purpose (--force in the CLI).' });
  }
  for (const file of plan.files) {
    throwIfCancelled(options.signal);
    const conflict = conflicts.get(file.path);
    if (conflict) {
      const choice = await options.onConflict!(conflict);
      if (choice === 'cancel') return { ...result, cancelled: true };
      if (choice === 'skip') {
        result.skipped.push(file.path);
        continue;
      }
    } else if ((await readIfPresent(path.join(outDir, file.path))) === file.content) {
      result.unchanged.push(file.path);
      continue;
    }
    toWrite.push(file);
  }

  const staging = await fs.mkdtemp(path.join(outDir, '.moodle-ha-scaffold-')).catch((error) => { throw writeError(outDir, error); });
  try {
    for (const file of toWrite) {
      throwIfCancelled(options.signal);
      const target = path.join(staging, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, { mode: file.mode ?? 0o644 });
    }
    for (const file of toWrite) {
      const target = path.join(outDir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(path.join(staging, file.path), target);
      if (file.mode) await fs.chmod(target, file.mode);
      result.written.push(file.path);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw writeError(outDir, error);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return result;
}

async function ensureFolder(outDir: string): Promise<void> {
  try {
    await fs.mkdir(outDir, { recursive: true });
    await fs.access(outDir, fs.constants.W_OK);
  } catch (error) {
    throw writeError(outDir, error);
  }
  const stat = await fs.stat(outDir);
  if (!stat.isDirectory()) throw new MhaError('scaffold.write', `${outDir} is a file, not a folder.`, { nextStep: 'Choose a folder for the project.' });
}

function writeError(outDir: string, error: unknown): MhaError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'is not writable' : code === 'ENOSPC' ? 'is on a full disk' : code === 'EROFS' ? 'is on a read-only file system' : `cannot be written (${code ?? (error as Error).message})`;
  return new MhaError('scaffold.write', `${outDir} ${why}; nothing was written.`, { nextStep: 'Choose a folder you can write to, or fix its permissions, and scaffold again.', cause: error });
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
