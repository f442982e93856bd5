import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { globToRegExp } from '../../../src/engine/common/find-files';
import { lintFiles } from '../../../src/engine/lint/lint-files';
import { repoRoot } from '../../support/fixtures';
import { runCfnLint, type CfnLintMatch } from '../scaffold/support/cfn-lint';

interface CorpusRow { table: 'ours' | 'theirs'; glob: string; file: RegExp; rule: string; reason: string; used: boolean }
interface Comparison { missed: CfnLintMatch[]; unconfirmed: Array<{ file: string; line: number; rule: string; message: string }> }
type Compare = (reference: CfnLintMatch[], ours: unknown[], files: string[]) => Comparison;

const OURS_HEADING = 'Our errors that cfn-lint does not report, each judged true';
const THEIRS_HEADING = 'cfn-lint errors on the corpus that we do not report, each with its reason:';

/** The two tables of the corpus section of docs/known-differences.md; files are globs inside the corpus folder. */
function readCorpusRows(root: string, corpus: string): CorpusRow[] {
  const text = fs.readFileSync(path.join(root, 'docs', 'known-differences.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('On the public corpus')) ?? '';
  const tableAfter = (heading: string, table: CorpusRow['table']): CorpusRow[] => {
    const start = section.indexOf(heading);
    assert.ok(start >= 0, `docs/known-differences.md has the corpus table "${heading}"`);
    const lines = section.slice(start + heading.length).split('\n').map((l) => l.trim());
    const first = lines.findIndex((l) => l.startsWith('|'));
    const rows: CorpusRow[] = [];
    for (const line of lines.slice(first)) {
      if (!line.startsWith('|')) break;
      if (/^\|\s*(file|---)/.test(line)) continue;
      const [, glob, rule, reason] = line.split('|').map((c) => c.trim());
      rows.push({ table, glob, file: globToRegExp(path.join(corpus, glob)), rule, reason, used: false });
    }
    return rows;
  };
  return [...tableAfter(OURS_HEADING, 'ours'), ...tableAfter(THEIRS_HEADING, 'theirs')];
}

/** The lint corpus where it has been materialised (scripts/corpus/materialize.mjs), or MHA_LINT_CORPUS_DIR. */
function corpusFolder(root: string): string | undefined {
  return [process.env.MHA_LINT_CORPUS_DIR, path.join(root, '.mha-work', 'lint-corpus')].find((d): d is string => !!d && fs.existsSync(d));
}

// The bench's own comparison (scripts/corpus/compare.mjs, an ES module: loaded with a real import()).
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<{ compareWithCfnLint: Compare }>;

describe('lint: the public-corpus rows of docs/known-differences.md (needs cfn-lint; runs where the lint corpus is present)', function () {
  // cfn-lint over the handful of files the rows name: about a minute on a busy 2-core machine.
  this.timeout(900_000);

  it('every difference on those files is a row, and every row is still a difference, with a reason', async function () {
    const root = repoRoot();
    const corpus = corpusFolder(root);
    if (!corpus) this.skip();
    const rows = readCorpusRows(root, corpus!);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'test', 'corpus', 'lint-corpus.json'), 'utf8')) as { templates: Array<{ repo: string; path: string }> };
    const files = manifest.templates.map((t) => path.join(corpus!, t.repo.replace('/', '+'), t.path))
      .filter((f) => fs.existsSync(f) && rows.some((r) => r.file.test(f)));
    assert.ok(files.length >= new Set(rows.map((r) => r.glob)).size, `each row names corpus files (${files.length} found)`);

    const reference = (await runCfnLint(files, 600_000)).map((m) => ({ ...m, Filename: path.resolve(m.Filename) }));
    const ours = (await lintFiles(files, {})).flatMap((r) => r.findings.map((f) => ({
      file: r.file, line: f.range.start.line + 1, severity: f.severity, rule: f.ruleId, source: f.source, message: f.message,
    })));
    const { compareWithCfnLint } = await importModule(pathToFileURL(path.join(root, 'scripts', 'corpus', 'compare.mjs')).href);
    const c = compareWithCfnLint(reference, ours, files);

    const problems: string[] = [];
    const explain = (table: CorpusRow['table'], file: string, rule: string, what: string): void => {
      const row = rows.find((r) => r.table === table && r.file.test(file) && r.rule === rule);
      if (row) row.used = true;
      else problems.push(`${what} at ${path.relative(corpus!, file)} is not a row of the corpus table`);
    };
    for (const u of c.unconfirmed) explain('ours', u.file, u.rule, `our ${u.rule}:${u.line} (${u.message.slice(0, 80)}) without a cfn-lint counterpart`);
    for (const m of c.missed) explain('theirs', m.Filename, m.Rule.Id, `cfn-lint ${m.Rule.Id}:${m.Location.Start.LineNumber} (${m.Message.slice(0, 80)}) not reported by us`);
    for (const r of rows) {
      if (!r.used) problems.push(`row no longer applies: ${r.glob} ${r.rule}`);
      if (r.reason.length < 40) problems.push(`row ${r.glob} ${r.rule} gives no reason`);
    }
    console.log(`      corpus rows: ${rows.length} rows, ${files.length} files, ${c.unconfirmed.length} of our errors without cfn-lint, ${c.missed.length} cfn-lint errors not ours`);
    assert.deepEqual(problems, []);
  });
});
