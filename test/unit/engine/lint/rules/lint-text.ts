import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../../../src/engine/lint/finding';
import { runHaRules } from '../../../../../src/engine/lint/run-ha-rules';
import type { HaRule } from '../../../../../src/engine/lint/rule';
import { haRules } from '../../../../../src/engine/lint/rules';
import { applyEdits } from '../../../../../src/engine/lint/rules/fixes/yaml-edit';
import { TemplateModel } from '../../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../../src/engine/topology/derive';

/** The repository root (where test/fixtures/ha is), from out/test/... or test/...; out/ may hold a package.json. */
export const repoRoot = findRoot(__dirname);
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'ha');

function findRoot(dir: string): string {
  let d = dir;
  while (!fs.existsSync(path.join(d, 'test', 'fixtures', 'ha'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error(`no test/fixtures/ha above ${dir}`);
    d = up;
  }
  return d;
}

export function lintText(text: string, rules: HaRule[] = haRules, uri = 'test.yaml'): { model: TemplateModel; findings: Finding[] } {
  const model = TemplateModel.parse(uri, text);
  if (model.problems.length) throw new Error(`test template does not parse: ${model.problems[0].message}`);
  return { model, findings: runHaRules(model, deriveTopology(model), rules) };
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, name), 'utf8');
}

/** Apply every fix of every finding of `ruleId` (first fix each), then lint again. */
export function applyAllFixes(text: string, ruleId: string): { fixed: string; fixCount: number; after: Finding[] } {
  const { model, findings } = lintText(text);
  const edits = findings.filter((f) => f.ruleId === ruleId).flatMap((f) => f.fixes?.[0]?.edits ?? []);
  const fixed = applyEdits(model, edits);
  return { fixed, fixCount: edits.length, after: lintText(fixed).findings };
}

/** Join lines; keeps the YAML in tables readable. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
