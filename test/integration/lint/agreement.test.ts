import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandFileArguments, globToRegExp } from '../../../src/engine/common/find-files';
import { lintFiles } from '../../../src/engine/lint/lint-files';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { repoRoot } from '../../support/fixtures';

interface Difference { file: RegExp; rule: string; used: boolean; text: string }

/** Rows of the two tables in docs/known-differences.md. */
function readKnownDifferences(root: string): { missed: Difference[]; extra: Difference[] } {
  const text = fs.readFileSync(path.join(root, 'docs', 'known-differences.md'), 'utf8');
  const [, missedPart = '', extraPart = ''] = text.split(/^## /m).reduce<string[]>((acc, part) => {
    if (part.startsWith('cfn-lint errors we do not report')) acc[1] = part;
    if (part.startsWith('Our errors on templates cfn-lint finds clean')) acc[2] = part;
    return acc;
  }, ['', '', '']);
  const rows = (part: string): Difference[] => part.split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*(file|---)/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, file, rule]) => ({ file: globToRegExp(path.join(root, file)), rule, used: false, text: `${file} ${rule}` }));
  return { missed: rows(missedPart), extra: rows(extraPart) };
}

interface CfnLintMatch { Filename: string; Level: string; Rule: { Id: string }; Location: { Start: { LineNumber: number } }; Message: string }

describe('lint: agreement with cfn-lint on every fixture template (needs cfn-lint)', function () {
  // One cfn-lint process over ~150 templates, then ours: minutes on a busy 2-core machine.
  this.timeout(900_000);

  it('reports every cfn-lint error (±1 line), and no error where cfn-lint finds none, except the documented differences', async () => {
    const root = repoRoot();
    const { files } = expandFileArguments(['test/fixtures', 'infra-templates'].filter((d) => fs.existsSync(path.join(root, d))), root);
    // Only CloudFormation templates (by content, as the linter decides): cfn-lint lints whatever
    // it is given, and would report package.json or appspec.yml as broken templates.
    const templates = files.filter((f) => /\.(ya?ml|json)$/.test(f) && TemplateModel.parse(f, fs.readFileSync(f, 'utf8')).isCloudFormation);
    let output: string;
    try {
      output = execFileSync('cfn-lint', ['--format', 'json', '--', ...templates], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      // cfn-lint exits non-zero when it finds anything; its JSON is still on stdout.
      const e = error as { stdout?: string; code?: string };
      if (e.code === 'ENOENT') throw new Error('cfn-lint is not installed: run scripts/setup/moto.sh (pip install cfn-lint)', { cause: error });
      output = e.stdout ?? '[]';
    }
    const reference = (JSON.parse(output) as CfnLintMatch[]).filter((m) => m.Level === 'Error');
    const ours = await lintFiles(templates, {});
    const known = readKnownDifferences(root);
    const problems: string[] = [];

    for (const ref of reference) {
      const file = path.resolve(root, ref.Filename);
      const mine = ours.find((o) => o.file === file)?.findings.filter((f) => f.severity === 'error') ?? [];
      const line = ref.Location.Start.LineNumber;
      if (mine.some((f) => Math.abs(f.range.start.line + 1 - line) <= 1)) continue;
      const excuse = known.missed.find((k) => k.file.test(file) && (k.rule === '*' || k.rule === ref.Rule.Id));
      if (excuse) { excuse.used = true; continue; }
      problems.push(`cfn-lint ${ref.Rule.Id} at ${path.relative(root, file)}:${line} (${ref.Message.slice(0, 100)}) is not an error of ours`);
    }
    const cleanForReference = new Set(templates.filter((t) => !reference.some((r) => path.resolve(root, r.Filename) === t)));
    for (const result of ours) {
      if (!cleanForReference.has(result.file)) continue;
      // Moodle-HA rules are ours alone; only the generic CloudFormation checks are compared.
      for (const f of result.findings.filter((x) => x.severity === 'error' && x.source === 'CloudFormation')) {
        const excuse = known.extra.find((k) => k.file.test(result.file) && (k.rule === '*' || k.rule === f.ruleId));
        if (excuse) { excuse.used = true; continue; }
        problems.push(`our ${f.ruleId} at ${path.relative(root, result.file)}:${f.range.start.line + 1} (${f.message.slice(0, 100)}) but cfn-lint finds no error`);
      }
    }
    for (const k of [...known.missed, ...known.extra]) if (!k.used) problems.push(`docs/known-differences.md row no longer applies: ${k.text}`);
    console.log(`      agreement: ${templates.length} templates, ${reference.length} cfn-lint errors, ${problems.length} unexplained differences`);
    assert.deepEqual(problems, []);
  });
});
