// Writes test/corpus/lint-corpus.json: the public CloudFormation templates the lint bench measures
// against, as (repo, commit, path) rows taken from snapshots fetched under /work/.mirror.
// Only the manifest is committed; scripts/corpus/materialize.mjs re-creates the files.
//   node scripts/corpus/build-manifest.mjs [owner/name …]
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const mirror = process.env.MHA_MIRROR ?? '/work/.mirror';
const DEFAULT_REPOS = [
  'aws-cloudformation/aws-cloudformation-templates',
  'awslabs/aws-cloudformation-templates',
  'eijikominami/aws-cloudformation-templates',
  'aws-samples/aws-refarch-moodle',
  'aws-quickstart/quickstart-linux-bastion',
  'aws-quickstart/quickstart-hashicorp-vault',
  'aws-quickstart/quickstart-microsoft-activedirectory',
  'aws-quickstart/quickstart-jfrog-artifactory',
];
const repos = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_REPOS;
const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });

// CloudFormation by content, as the linter decides it, and never cfn-lint's own fixtures.
const looksLikeTemplate = (text) => /AWSTemplateFormatVersion|^\s*"?Resources"?\s*:/m.test(text) && /AWS::/.test(text);

const seen = new Set();
const rows = [];
for (const repo of repos) {
  const dir = path.join(mirror, repo.replace('/', '+'), 'repo');
  if (!fs.existsSync(dir)) { console.error(`skip ${repo}: not fetched into ${dir}`); continue; }
  const commit = git(dir, 'rev-parse', 'HEAD').toString().trim();
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD').toString().split('\n')
    .filter((f) => /\.(ya?ml|json|template)$/i.test(f) && !/(^|\/)(node_modules|\.github|cdk\.out)\//.test(f));
  let taken = 0;
  for (const file of files) {
    let bytes;
    try { bytes = git(dir, 'show', `${commit}:${file}`); } catch { continue; }
    if (bytes.length === 0 || bytes.length > 1024 * 1024) continue;
    const text = bytes.toString('utf8');
    if (!looksLikeTemplate(text)) continue;
    const hash = crypto.createHash('sha256').update(bytes).digest('hex');
    if (seen.has(hash)) continue; // the same template in two collections counts once
    seen.add(hash);
    rows.push({ repo, commit, path: file, sha256: hash });
    taken++;
  }
  console.error(`${repo}@${commit.slice(0, 10)}: ${taken} templates`);
}
const out = path.join(root, 'test/corpus/lint-corpus.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ note: 'Public CloudFormation templates for npm run bench:lint; re-create them with node scripts/corpus/materialize.mjs', templates: rows }, null, 1) + '\n');
console.error(`${rows.length} templates → ${path.relative(root, out)}`);
