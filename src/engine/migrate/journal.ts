import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../common/errors';

/**
 * The migration's memory between runs: one JSON file in the work folder. A step that finished is
 * recorded with its result and never run again; a step that was interrupted has no record and runs
 * again from the start. Written to a temporary file and renamed, so a crash never leaves it torn.
 */
export interface JournalData {
  version: 1;
  steps: Record<string, { finishedAt: string; result: unknown }>;
}

export class Journal {
  private data: JournalData;

  private constructor(readonly dir: string, data: JournalData) { this.data = data; }

  static open(dir: string): Journal {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, 'journal.json');
    if (!fs.existsSync(file)) return new Journal(dir, { version: 1, steps: {} });
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as JournalData;
      if (data.version !== 1 || typeof data.steps !== 'object') throw new Error('unknown journal format');
      return new Journal(dir, data);
    } catch (error) {
      throw new MhaError('migrate.journal', `The migration journal ${file} cannot be read: ${(error as Error).message}`, {
        nextStep: `Move ${dir} aside and start the migration again into an empty work folder.`,
      });
    }
  }

  file(name: string): string { return path.join(this.dir, name); }

  done(step: string): boolean { return step in this.data.steps; }

  result<T>(step: string): T | undefined { return this.data.steps[step]?.result as T | undefined; }

  /** Runs `work` unless `step` already finished; returns the recorded or the new result. */
  async step<T>(step: string, work: () => Promise<T>): Promise<{ result: T; skipped: boolean }> {
    if (this.done(step)) return { result: this.result<T>(step)!, skipped: true };
    const result = await work();
    this.data.steps[step] = { finishedAt: new Date().toISOString(), result };
    this.save();
    return { result, skipped: false };
  }

  /** Forgets a step and every step recorded after it (their inputs changed). */
  forget(step: string): void {
    const names = Object.keys(this.data.steps);
    const index = names.indexOf(step);
    if (index < 0) return;
    for (const name of names.slice(index)) delete this.data.steps[name];
    this.save();
  }

  steps(): string[] { return Object.keys(this.data.steps); }

  private save(): void {
    const file = path.join(this.dir, 'journal.json');
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
}
