import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { nodeTemplateFiles } from '../../../../src/engine/topology/stack-family/template-files';
import { fixturePath, repoRoot } from '../../../support/fixtures';

interface Judged { file: string; rule: string; resource: string; true: boolean; why: string }

/** Every Moodle-HA finding over a folder of templates, as `file rule resource`. */
async function findingsIn(dir: string): Promise<string[]> {
  const files = nodeTemplateFiles();
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = path.join(dir, name);
    const result = await lintTemplate(file, fs.readFileSync(file, 'utf8'), { files });
    for (const f of result.findings.filter((x) => x.source === 'Moodle HA')) {
      out.push(`${name} ${f.ruleId} ${f.path?.[0] === 'Resources' ? String(f.path[1]) : '-'}`);
    }
  }
  return out.sort();
}

function checkJudgment(judgmentFile: string, dir: () => string | undefined): void {
  const judgment = JSON.parse(fs.readFileSync(judgmentFile, 'utf8')) as { findings: Judged[] };
  it('every finding is judged true, and every judged finding is reported', async function () {
    this.timeout(60_000);
    const folder = dir();
    if (!folder) this.skip();
    for (const j of judgment.findings) assert.ok(j.true && j.why.length > 10, `${j.file} ${j.rule} ${j.resource} is judged true, with a reason`);
    const expected = judgment.findings.map((j) => `${j.file} ${j.rule} ${j.resource}`).sort();
    assert.deepEqual(await findingsIn(folder!), expected);
  });
}

/**
 * The real templates of the AWS reference architecture for Moodle, where the lint corpus is present
 * (node scripts/corpus/materialize.mjs writes it to .mha-work/lint-corpus), or in MHA_REFARCH_MOODLE_DIR.
 */
function refarchFolder(): string | undefined {
  const corpus = corpusFolder();
  const candidates = [process.env.MHA_REFARCH_MOODLE_DIR, corpus && path.join(corpus, 'aws-samples+aws-refarch-moodle', 'templates')];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, '00-main.yaml')));
}

/** The whole lint corpus (lint-generic's manifest), where it has been materialised. */
function corpusFolder(): string | undefined {
  const candidates = [process.env.MHA_LINT_CORPUS_DIR, path.join(repoRoot(), '.mha-work', 'lint-corpus')];
  return candidates.find((d): d is string => !!d && fs.existsSync(d));
}

function templatesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? templatesUnder(p) : /\.(ya?ml|json|template)$/i.test(e.name) ? [p] : [];
  });
}

describe('lint: judged Moodle-HA findings', () => {
  it('non-Moodle public templates of the corpus get no Moodle-HA finding (runs where the corpus is present)', async function () {
    this.timeout(600_000);
    const corpus = corpusFolder();
    if (!corpus) this.skip();
    const files = nodeTemplateFiles();
    const wrong: string[] = [];
    let linted = 0;
    for (const file of templatesUnder(corpus!).filter((f) => !f.includes('aws-refarch-moodle'))) {
      const result = await lintTemplate(file, fs.readFileSync(file, 'utf8'), { files });
      if (!result.isCloudFormation) continue;
      linted++;
      for (const f of result.findings.filter((x) => x.source === 'Moodle HA')) wrong.push(`${path.relative(corpus!, file)}: ${f.ruleId} ${f.message.slice(0, 80)} (decided Moodle because ${result.moodleStack?.reason})`);
    }
    assert.ok(linted > 100, `the corpus has non-Moodle templates (${linted})`);
    assert.deepEqual(wrong, []);
  });

  describe('aws-samples/aws-refarch-moodle (runs where the lint corpus, MHA_LINT_CORPUS_DIR or MHA_REFARCH_MOODLE_DIR is present)', () => {
    checkJudgment(fixturePath('stacks', 'aws-refarch-moodle.judgment.json'), refarchFolder);
  });
  describe('test/fixtures/stacks/nested-moodle (the same patterns, always)', () => {
    checkJudgment(fixturePath('stacks', 'nested-moodle.judgment.json'), () => fixturePath('stacks', 'nested-moodle'));
  });
});
