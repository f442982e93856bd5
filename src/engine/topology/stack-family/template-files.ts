import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How the engine reads the other templates of a stack (its parent, its nested stacks). The CLI and
 * the editor both pass one; without it, a template is linted on its own.
 */
export interface TemplateFiles {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readText(file: string): string | undefined;
  /** Names of the files directly in `dir` (no folders), or [] when it cannot be listed. */
  listDir(dir: string): string[];
}

export interface NodeTemplateFilesOptions {
  /**
   * The files do not change while this reader lives (one CLI run): a text read once and a folder
   * listed once are not checked again. Every file of a run looks for its parent among its folder's
   * and the folder above's templates, which had cost a stat of each of them per file linted.
   */
  unchanging?: boolean;
}

/** The file system, with texts cached by modification time: the editor lints on every keystroke. */
export function nodeTemplateFiles(options: NodeTemplateFilesOptions = {}): TemplateFiles {
  const cache = new Map<string, { mtimeMs: number; size: number; text: string }>();
  const listings = new Map<string, string[]>();
  return {
    readText(file) {
      if (options.unchanging) {
        const known = cache.get(file);
        if (known) return known.text;
      }
      try {
        const stat = fs.statSync(file);
        if (!stat.isFile() || stat.size > MAX_TEMPLATE_BYTES) return undefined;
        const hit = cache.get(file);
        if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
        const text = fs.readFileSync(file, 'utf8');
        cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
        return text;
      } catch {
        return undefined;
      }
    },
    listDir(dir) {
      const known = options.unchanging ? listings.get(dir) : undefined;
      if (known) return known;
      let names: string[];
      try {
        names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
      } catch {
        names = [];
      }
      if (options.unchanging) listings.set(dir, names);
      return names;
    },
  };
}

/** CloudFormation's own limit for a template given by URL; anything larger is no template of ours. */
const MAX_TEMPLATE_BYTES = 1_000_000;

/** A model's uri as a file path: CLI paths as they are, editor URIs (file://) converted. */
export function fileOfUri(uri: string): string {
  return uri.startsWith('file://') ? fileURLToPath(uri) : path.resolve(uri);
}
