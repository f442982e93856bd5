import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { zipEntries, type ZipEntry } from './zip-entries';

// scripts/test-vscode.sh runs `npm run package` first and passes the file; by hand, run that yourself.
const root = path.resolve(__dirname, '../../..');
const vsix = process.env.MHA_VSIX ?? path.join(root, 'moodle-ha.vsix');
const MAX_BYTES = 15 * 1024 * 1024;

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the packaged extension (.vsix from npm run package)', () => {
  let entries: ZipEntry[];
  let names: Set<string>;
  before(function () {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist; run npm run package`);
    entries = zipEntries(vsix);
    names = new Set(entries.map((e) => e.name));
  });

  it('is at most 15 MB', () => {
    const bytes = fs.statSync(vsix).size;
    assert.ok(bytes <= MAX_BYTES, `${(bytes / 1048576).toFixed(1)} MB; see .vscodeignore`);
  });

  it('holds the bundles and AWS validator the extension loads at run time', () => {
    for (const file of ['dist/extension.js', 'dist/stacks.js', 'dist/replica.js', 'dist/validator-worker.js', 'docs/rules/MHA1001.md', 'dist/cloudformation-validate/bindings_wasm_bg.wasm',
      'dist/cloudformation-validate/bindings_wasm.js', 'dist/cloudformation-validate/index.js', 'dist/cloudformation-validate/package.json']) {
      assert.ok(names.has(`extension/${file}`), `missing ${file}`);
    }
  });

  it('holds the marketplace files: manifest, README, CHANGELOG, LICENSE, icon', () => {
    for (const file of ['package.json', manifest.icon]) assert.ok(names.has(`extension/${file}`), `missing ${file}`);
    // vsce stores these as readme.md, changelog.md and LICENSE.txt.
    for (const file of [/^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt|\.md)?$/i]) {
      assert.ok([...names].some((n) => file.test(n.replace(/^extension\//, ''))), `missing ${file.source}`);
    }
  });

  it('holds every walkthrough page', () => {
    const pages: string[] = (manifest.contributes.walkthroughs ?? []).flatMap((w: { steps: Array<{ media: { markdown?: string; image?: unknown } }> }) =>
      w.steps.map((s) => s.media.markdown).filter(Boolean));
    for (const page of pages) assert.ok(names.has(`extension/${page}`), `missing ${page}`);
  });

  it('holds the folders the scaffolder and the replica read at run time (infra-templates/, sim/)', function () {
    const folders = ['infra-templates', 'sim'].filter((f) => fs.existsSync(path.join(root, f)));
    if (folders.length === 0) this.skip();
    for (const folder of folders) assert.ok([...names].some((n) => n.startsWith(`extension/${folder}/`)), `missing ${folder}/`);
  });

  it('leaves out sources, tests, source maps and node_modules', () => {
    // docs/rules/ ships on purpose: each Moodle HA diagnostic links to its page, offline.
    const stray = [...names].filter((n) => /^extension\/(src|test|out|scripts|node_modules)\/|^extension\/docs\/(?!rules\/)|\.map$|\.ts$/.test(n) && !n.endsWith('.d.ts'));
    assert.deepStrictEqual(stray.slice(0, 10), [], `${stray.length} files that should not ship`);
  });
});
