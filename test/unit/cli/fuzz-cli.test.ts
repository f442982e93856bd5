import * as assert from 'node:assert/strict';
import { parameterProblem } from '../../../src/engine/deploy/resolve-parameters';
import type { ParameterSpec } from '../../../src/engine/deploy/template-inputs';
import { checkConfigShape } from '../../../src/engine/scaffold/config-schema';
import { defaultOptions, resolveOptions, type ScaffoldOptionsInput } from '../../../src/engine/scaffold/options';
import { planScaffold } from '../../../src/engine/scaffold/plan';
import { validateOptions } from '../../../src/engine/scaffold/validate-options';
import { seededRandom } from '../../support/seeded-random';
import { cli } from './cli-support';

/**
 * Seeded fuzzing of the CLI's other inputs (the lint input classes are in
 * test/unit/engine/lint/fuzz.test.ts): scaffold --config answers, lint/sim options and deploy
 * parameter patterns. Properties, not timings: every input ends in a result or an error that names
 * what is wrong, never a raw JavaScript error. MHA_FUZZ_SEED reproduces a run.
 */
const SEED = Number(process.env.MHA_FUZZ_SEED ?? 20261201);
const RAW_JS_ERROR = /TypeError|RangeError|is not a function|Cannot read properties|is not iterable|Maximum call stack|Invalid string length|Cannot convert object/;

function hostileValue(random: () => number, depth = 0): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  switch (Math.floor(random() * 12)) {
    case 0: return null;
    case 1: return pick([0, -1, 2.5, 1e308, -1e308, 99999, 3]);
    case 2: return pick(['', ' ', 'x'.repeat(5000), '../../x', '2026-02-30T06:00:00Z', 'a\nb', '\u001b[2K', '__proto__', 'constructor']);
    case 3: return pick([true, false]);
    case 4: return depth < 3 ? [hostileValue(random, depth + 1), hostileValue(random, depth + 1)] : [];
    case 5: return depth < 3 ? { [pick(['a', '__proto__', 'name', 'minSize', 'engine'])]: hostileValue(random, depth + 1) } : {};
    case 6: return Array.from({ length: pick([7, 60, 200]) }, () => ({ name: 'S', kind: 'term', recurrence: '0 7 * * *', minSize: 1, desiredCapacity: 1, maxSize: 2 }));
    case 7: return pick(['10.0.0.0/33', '999.1.1.1/16', '10.0.0.1/16', 'cidr']);
    case 8: return pick(['0 7 * * *', '61 25 * * *', '* * * * * *', '@daily']);
    case 9: return { name: 'Exam', kind: pick(['exam', 'term', 'bogus']), startTime: pick(['2026-02-30T06:00:00Z', '2026-05-11T06:00:00Z', 5]), minSize: pick([1, -1, 'a']), desiredCapacity: 1, maxSize: 2 };
    case 10: return pick(['aurora-mysql', 'redis', 'efs', 's3', 'cdk', 'nonsense']);
    default: return pick([2, 3, 4]);
  }
}

function sameTypeValue(old: unknown, random: () => number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  if (typeof old === 'number') return pick([0, 1, 2, 3, 6, 7, 100, 0.5, -3]);
  if (typeof old === 'boolean') return !old;
  if (typeof old === 'string') return pick(['', 'x', 'aurora-postgresql', 'valkey', 'nfs', 'github', 'cdk', 'nginx', '8.4', '5.1', 'fs1:/export', '10.0.0.0/16', 'db.t4g.medium', 'owner/repo']);
  if (Array.isArray(old)) return old.slice(0, Math.floor(random() * (old.length + 1)));
  return old;
}

/** The default answers with 1–4 fields (at any depth, or new keys) replaced by hostile values. */
function mutatedAnswers(random: () => number): unknown {
  const answers = defaultOptions() as unknown as Record<string, unknown>;
  for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
    let at: Record<string, unknown> = answers;
    for (;;) {
      const keys = Object.keys(at);
      const key = random() < 0.1 ? `extra${Math.floor(random() * 3)}` : keys[Math.floor(random() * keys.length)];
      const next = at[key];
      if (next && typeof next === 'object' && !Array.isArray(next) && random() < 0.6) { at = next as Record<string, unknown>; continue; }
      // Half keep the type (they pass the shape check and reach validation and the builder).
      at[key] = random() < 0.5 && next !== undefined ? sameTypeValue(next, random) : hostileValue(random);
      break;
    }
  }
  return answers;
}

describe(`fuzz: CLI inputs beyond templates (seed ${SEED})`, function () {
  this.timeout(120_000);

  it('200 mutated scaffold --config answers: a field-path problem list, a validation problem, or a project; never a raw JS error', () => {
    const random = seededRandom(SEED);
    const outcomes = { shape: 0, invalid: 0, planned: 0 };
    for (let i = 0; i < 200; i++) {
      const answers = JSON.parse(JSON.stringify(mutatedAnswers(random))) as unknown;
      const label = `input #${i}: ${JSON.stringify(answers).slice(0, 300)}`;
      const shape = checkConfigShape(answers);
      if (shape.length) {
        for (const p of shape) assert.match(p.field, /^(\(top level\)|[A-Za-z_$][\w$]*(\[\d+\])?(\.[A-Za-z_$][\w$]*(\[\d+\])?)*)$/, label);
        outcomes.shape++;
        continue;
      }
      try {
        const options = resolveOptions(answers as ScaffoldOptionsInput);
        if (validateOptions(options).length) { outcomes.invalid++; continue; }
        planScaffold(options);
        outcomes.planned++;
      } catch (error) {
        assert.doesNotMatch(String((error as Error).message), RAW_JS_ERROR, label);
        assert.ok(!(error instanceof TypeError) && !(error instanceof RangeError), `${label}\n${(error as Error).stack}`);
        outcomes.invalid++;
      }
    }
    // The generator must reach every outcome, or it tests less than it claims.
    assert.ok(outcomes.shape > 0 && outcomes.invalid > 0 && outcomes.planned > 0, JSON.stringify(outcomes));
  });

  it('100 random --severity, --rule and --port values: accepted exactly when valid, else exit 2 with the option named', async () => {
    const random = seededRandom(SEED + 1);
    const words = ['error', 'warning', 'info', 'off', 'constructor', '__proto__', 'toString', 'valueOf', 'MHA1001', 'W3005', '', '=', 'x'];
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    for (let i = 0; i < 100; i++) {
      const kind = pick(['severity', 'rule', 'port'] as const);
      if (kind === 'port') {
        const port = pick(['0', '1', '80', '65535', '65536', '-1', 'abc', '8e3', '2.5', ' 8080', String(Math.floor(random() * 100_000))]);
        const { code, err } = await cli(['sim', 'plan', `--port=${port}`]);
        const valid = /^\s*\d+\s*$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
        assert.equal(code, valid ? 0 : 2, `--port ${JSON.stringify(port)}: ${err}`);
        if (!valid) assert.match(err, /--port must be a whole number/);
      } else if (kind === 'severity') {
        const severity = pick(words);
        const { code, err } = await cli(['lint', 'cfn/clean.yaml', '--no-validator', `--severity=${severity}`]);
        const valid = ['error', 'warning', 'info'].includes(severity);
        assert.equal(code, valid ? 0 : 2, `--severity ${JSON.stringify(severity)}: ${err}`);
      } else {
        const rule = `${pick(words)}=${pick(words)}`;
        const { code } = await cli(['lint', 'cfn/clean.yaml', '--no-validator', `--rule=${rule}`]);
        const [id, level] = rule.split('=');
        const valid = /^(MHA1001|W3005)$/.test(id) && ['off', 'error', 'warning', 'info'].includes(level);
        assert.equal(code, valid ? 0 : 2, `--rule ${JSON.stringify(rule)}`);
      }
    }
  });

  it('300 random AllowedPatterns and values: a verdict for each (nested quantifiers included), never an exception', () => {
    const random = seededRandom(SEED + 2);
    const pieces = ['a', 'b', '.', '\\d', '[a-z]', '(', ')', '+', '*', '?', '{2,}', '|', '$', '^', '(?=x)', '\\1', '[', '(a+)+', '(a|a)*', '(.*a){12}'];
    for (let i = 0; i < 300; i++) {
      const pattern = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const value = 'a'.repeat(Math.floor(random() * 40)) + (random() < 0.5 ? '!' : '');
      const spec: ParameterSpec = { key: 'P', type: 'String', noEcho: false, allowedPattern: pattern };
      const problem = parameterProblem(spec, value);
      assert.ok(problem === undefined || typeof problem === 'string', pattern);
    }
  });
});
