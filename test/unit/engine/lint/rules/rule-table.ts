import * as assert from 'node:assert/strict';
import type { Severity } from '../../../../../src/engine/lint/finding';
import type { HaRule } from '../../../../../src/engine/lint/rule';
import { applyEdits } from '../../../../../src/engine/lint/rules/fixes/yaml-edit';
import { lintText } from './lint-text';

export interface ValidCase { name: string; template: string }

export interface InvalidCase {
  name: string;
  template: string;
  /** Text on the line the finding must point at (its first occurrence in the template). */
  line: string;
  /** Which occurrence of `line` (1-based) when the text appears more than once. */
  occurrence?: number;
  message: RegExp;
  severity?: Severity;
  /** Applying the quick fix must make the finding go away. */
  fixable?: boolean;
}

export interface RuleTable { rule: HaRule; valid: ValidCase[]; invalid: InvalidCase[] }

export function lineOf(template: string, needle: string, occurrence = 1): number {
  const lines = template.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].includes(needle) && ++seen === occurrence) return i;
  throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the test template`);
}

export function runTable(table: RuleTable): void {
  const { rule } = table;
  describe(`${rule.id} ${rule.name}`, () => {
    for (const c of table.valid) {
      it(`valid: ${c.name}`, () => {
        const found = lintText(c.template, [rule]).findings;
        assert.deepEqual(found.map((f) => `${f.ruleId}: ${f.message}`), []);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { model, findings } = lintText(c.template, [rule]);
        const mine = findings.filter((f) => f.ruleId === rule.id);
        assert.ok(mine.length > 0, `${rule.id} should fire`);
        const hit = mine.find((f) => c.message.test(f.message));
        assert.ok(hit, `a message matching ${c.message}; got: ${mine.map((f) => f.message).join(' | ')}`);
        assert.equal(hit.range.start.line, lineOf(c.template, c.line, c.occurrence), `line of "${c.line}"`);
        assert.equal(hit.severity, c.severity ?? rule.defaultSeverity);
        if (c.fixable !== undefined) assert.equal(!!hit.fixes?.length, c.fixable, 'has a quick fix');
        if (c.fixable) {
          const fixed = applyEdits(model, hit.fixes![0].edits);
          const again = lintText(fixed, [rule]).findings.filter((f) => f.ruleId === rule.id && c.message.test(f.message));
          assert.deepEqual(again.map((f) => f.message), [], `after the fix:\n${fixed}`);
        }
      });
    }
  });
}
