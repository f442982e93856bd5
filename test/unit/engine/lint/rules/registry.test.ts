import * as assert from 'node:assert/strict';
import { LINT_BUDGET_RULE } from '../../../../../src/engine/lint/worker/budgeted-lint-worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haRules } from '../../../../../src/engine/lint/rules';
import { repoRoot } from './lint-text';
import { allTables } from './tables';
import { ASG, stack, without } from './tables/snippets';

const docsDir = path.join(repoRoot, 'docs', 'rules');
/** Id ranges per category: the first digit groups rules the way the docs index does. */
const ID_GROUP: Record<string, RegExp> = {
  'web-tier': /^MHA10\d\d$/, scaling: /^MHA11\d\d$/, storage: /^MHA2\d{3}$/, database: /^MHA3\d{3}$/,
  'session-cache': /^MHA4\d{3}$/, code: /^MHA5\d{3}$/, network: /^MHA60\d\d$/, tags: /^MHA61\d\d$/,
  observability: /^MHA70\d\d$/, 'moodle-config': /^MHA80\d\d$/, cost: /^MHA9\d{3}$/,
};

describe('lint/rules: registry', () => {
  it('ids and names are unique', () => {
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    assert.deepEqual(dupes(haRules.map((r) => r.id)), []);
    assert.deepEqual(dupes(haRules.map((r) => r.name)), []);
  });

  it('names are kebab-case and ids sit in their category range', () => {
    for (const r of haRules) {
      assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
      assert.match(r.id, ID_GROUP[r.category], `${r.id} is in category ${r.category}`);
    }
  });

  it('every rule has a docs page with what, why, how to fix and an example', () => {
    for (const r of haRules) {
      const file = path.join(docsDir, `${r.id}.md`);
      assert.ok(fs.existsSync(file), `docs/rules/${r.id}.md is missing`);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`^# ${r.id} ${r.name}`, 'm'), `${r.id}.md starts with "# ${r.id} ${r.name}"`);
      for (const heading of ['## Why it matters for Moodle', '## How to fix', '## Example']) assert.ok(text.includes(heading), `${r.id}.md has "${heading}"`);
      assert.match(text, new RegExp(`^\\| Severity \\| .*\\b${r.defaultSeverity}\\b`, 'm'), `${r.id}.md states severity ${r.defaultSeverity}`);
    }
  });

  it('the docs index lists every rule, and no page lacks a rule', () => {
    const index = fs.readFileSync(path.join(docsDir, 'README.md'), 'utf8');
    for (const r of haRules) assert.ok(index.includes(`[${r.id}](${r.id}.md)`), `README.md links ${r.id}`);
    const pages = fs.readdirSync(docsDir).filter((f) => /^MHA\d{4}\.md$/.test(f)).map((f) => f.slice(0, 7));
    // MHA0001 is the editor's lint budget (budgeted-lint-worker.ts), linked from its diagnostic like a rule.
    assert.deepEqual(pages.filter((p) => p !== LINT_BUDGET_RULE && !haRules.some((r) => r.id === p)), []);
    assert.ok(fs.existsSync(path.join(docsDir, `${LINT_BUDGET_RULE}.md`)), `docs/rules/${LINT_BUDGET_RULE}.md explains the budget finding`);
  });

  it('every rule has at least one valid and one invalid case', () => {
    for (const r of haRules) {
      const table = allTables.find((t) => t.rule.id === r.id);
      assert.ok(table, `${r.id} has a test table`);
      assert.ok(table.valid.length > 0 && table.invalid.length > 0, `${r.id} has valid and invalid cases`);
    }
  });

  it('a rule that throws becomes a finding and the others still run', async () => {
    const { runHaRules } = await import('../../../../../src/engine/lint/run-ha-rules');
    const { TemplateModel } = await import('../../../../../src/engine/template/template-model');
    const { deriveTopology } = await import('../../../../../src/engine/topology/derive');
    // MinSize 1: MHA1003 fires on this template, so a runner that stops at the crash loses it.
    const model = TemplateModel.parse('t.yaml', stack({ asg: without(ASG, 'MinSize', "      MinSize: '1'") }));
    const broken = { ...haRules[0], check: () => { throw new Error('boom'); } };
    const others = haRules.filter((r) => r.id !== broken.id);
    const findings = runHaRules(model, deriveTopology(model), [broken, ...others]);
    const crash = findings.filter((f) => f.ruleId === broken.id);
    assert.equal(crash.length, 1);
    assert.match(crash[0].message, /failed on this template.*boom/);
    assert.ok(findings.some((f) => f.ruleId === 'MHA1003' && /MinSize is 1/.test(f.message)), `MHA1003 still reports after the crash; got ${findings.map((f) => f.ruleId).join(', ')}`);
  });
});
