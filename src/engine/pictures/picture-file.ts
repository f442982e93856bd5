import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../common/errors';
import { escapeXml } from '../common/svg-text';

/** Writes a picture as .svg, or as a small self-contained .html page around it. */
export function writePictureFile(file: string, svg: string, title: string): void {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.svg' && ext !== '.html') throw new MhaError('usage', `Cannot write a picture to '${file}'.`, { nextStep: 'Name a .svg or .html file.' });
  const body = ext === '.svg' ? svg
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeXml(title)}</title>`
      + `<style>body{margin:16px;background:#fff}@media (prefers-color-scheme: dark){body{background:#111827}}</style></head><body>${svg}</body></html>\n`;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, body);
  } catch (error) {
    throw new MhaError('io', `Cannot write '${file}': ${(error as Error).message}`, { nextStep: 'Choose a folder you can write to.' });
  }
}
