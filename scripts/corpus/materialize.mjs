// Re-creates the lint corpus (test/corpus/lint-corpus.json) from fetched snapshots under
// /work/.mirror (or MHA_MIRROR) into .mha-work/lint-corpus/<owner+name>/<path>, checking each
// file's sha256. Prints the folder. Exported for the bench: materializeCorpus() → file list.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

export function materializeCorpus({ mirror = process.env.MHA_MIRROR ?? '/work/.mirror', out = path.join(root, '.mha-work/lint-corpus') } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'test/corpus/lint-corpus.json'), 'utf8'));
  const files = [];
  const missing = [];
  for (const row of manifest.templates) {
    const target = path.join(out, row.repo.replace('/', '+'), row.path);
    if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === row.sha256) { files.push({ ...row, file: target }); continue; }
    const dir = path.join(mirror, row.repo.replace('/', '+'), 'repo');
    let bytes;
    try { bytes = execFileSync('git', ['-C', dir, 'show', `${row.commit}:${row.path}`], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }); } catch { missing.push(row); continue; }
    if (sha256(bytes) !== row.sha256) { missing.push(row); continue; }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    files.push({ ...row, file: target });
  }
  return { files, missing, out };
}

function sha256(bytes) { return crypto.createHash('sha256').update(bytes).digest('hex'); }

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, missing, out } = materializeCorpus();
  for (const m of missing) console.error(`missing: ${m.repo}@${m.commit.slice(0, 10)}:${m.path} (fetch the repository's snapshot first)`);
  console.log(`${files.length} templates in ${out}${missing.length ? `, ${missing.length} missing` : ''}`);
}
