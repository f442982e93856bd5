import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { ValidatorPool } from '../../../../src/engine/lint/validator/validator-pool';
import { decodeTemplateBytes } from '../../../../src/engine/template/decode';
import { fixturePath } from '../../../support/fixtures';
import { hostileInputs } from '../../../support/hostile-inputs';
import { seededRandom } from '../../../support/seeded-random';

const SEED = Number(process.env.MHA_FUZZ_SEED ?? 20261126);
// A hang guard, not a speed target: an input that sends the parser into a runaway (an alias bomb,
// deep nesting) takes minutes or never ends; a busy CI machine takes 2–3 s for the slowest honest
// one. How fast each input is linted is bench:fuzz's business (ratios against clean templates).
const PER_INPUT_LIMIT_MS = 20_000;

describe('lint: fuzz (seeded, hostile input never crashes and ends in bounded time)', function () {
  this.timeout(600_000);
  let pool: ValidatorPool;
  before(async () => { pool = new ValidatorPool({ size: 1 }); await pool.warmUp(); });
  after(() => pool.dispose());

  it(`lints every input without hanging (each ends within ${PER_INPUT_LIMIT_MS / 1000} s) and says what is wrong (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    let count = 0;
    let slowest = { name: '', ms: 0 };
    for (const input of hostileInputs(random)) {
      const started = Date.now();
      const decoded = decodeTemplateBytes(input.bytes);
      if (decoded.ok) {
        const result = await lintTemplate(input.name, decoded.text, { validator: count % 3 === 0 ? pool : undefined });
        if (result.isCloudFormation && result.model.problems.length) {
          assert.ok(result.findings.some((f) => f.severity === 'error'), `${input.name}: a parse problem must surface as an error finding`);
        }
      } else {
        assert.ok(decoded.reason.length > 10, `${input.name}: the reason says what is wrong`);
      }
      const ms = Date.now() - started;
      if (ms > slowest.ms) slowest = { name: input.name, ms };
      assert.ok(ms < PER_INPUT_LIMIT_MS, `${input.name} took ${ms} ms`);
      count++;
    }
    console.log(`      fuzz: ${count} inputs tried, slowest ${slowest.ms} ms (${slowest.name}), seed ${SEED}`);
    assert.ok(count >= 190);
  });

  it('refuses the 20 MB template with the reason', () => {
    const decoded = decodeTemplateBytes(new Uint8Array(20 * 1024 * 1024).fill(0x41));
    assert.equal(decoded.ok, false);
    assert.match((decoded as { reason: string }).reason, /up to 1 MB/);
  });

  it('the decoders keep every byte of a file they accept', () => {
    const text = fs.readFileSync(path.join(fixturePath('cfn'), 'clean.yaml'), 'utf8');
    const decoded = decodeTemplateBytes(new TextEncoder().encode(text));
    assert.deepEqual(decoded, { ok: true, text });
  });
});
