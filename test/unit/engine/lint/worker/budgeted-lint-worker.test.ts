import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../../../src/engine/common/cancellation';
import { lintTemplate } from '../../../../../src/engine/lint/lint-template';
import { BudgetedLintWorker, LINT_BUDGET_RULE } from '../../../../../src/engine/lint/worker/budgeted-lint-worker';
import type { LintJob } from '../../../../../src/engine/lint/worker/protocol';
import { ValidatorPool } from '../../../../../src/engine/lint/validator/validator-pool';
import { readFixture } from '../../../../support/fixtures';

const job = (name: string, text: string, extra: Partial<LintJob> = {}): LintJob => ({ key: name, name, text, depth: 'full', useValidator: false, onDisk: false, ...extra });

/**
 * Nested complex keys (`? ? ? …`), the review's hostile input (HIGH-3), many times over: each
 * copy is bounded since that fix, but 1 MB of them is seconds of parsing.
 */
function nestedComplexKeys(copies: number): string {
  const one = (i: number) => `  K${i}:\n    ${'? '.repeat(150)}x: 1\n`;
  return 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n' + Array.from({ length: copies }, (_, i) => one(i)).join('') + 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n';
}

/** Counts this thread's timer ticks until `work` settles: a blocked thread ticks not at all. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const interval = setInterval(() => { ticks++; }, 20);
  try {
    const value = await work;
    return { value, ticks };
  } finally {
    clearInterval(interval);
  }
}

describe('lint/worker/budgeted-lint-worker (the editor lint off the host thread)', function () {
  this.timeout(120_000);

  it('finds in the worker exactly what lintTemplate finds on this thread', async () => {
    const worker = new BudgetedLintWorker();
    try {
      for (const [folder, name] of [['ha', 'MHA1002-single-az.yaml'], ['ha', 'MHA1006-imdsv1-allowed.yaml'], ['cfn', 'clean.yaml']]) {
        const text = readFixture(folder, name);
        const here = await lintTemplate(name, text);
        const there = await worker.lint(job(name, text));
        assert.ok(here.findings.length > 0 || name === 'clean.yaml', `${name} has findings to compare`);
        assert.deepEqual(there.findings, here.findings, name);
        assert.deepEqual(there.moodleStack, here.moodleStack);
        assert.deepEqual(there.topology, here.topology);
      }
    } finally {
      await worker.dispose();
    }
  });

  it("relays AWS's validator from the worker to this thread's pool (its finding and quick fix arrive)", async () => {
    const pool = new ValidatorPool({ size: 1 });
    const worker = new BudgetedLintWorker({ validator: pool });
    try {
      const result = await worker.lint(job('bad-property.yaml', readFixture('cfn', 'bad-property.yaml'), { useValidator: true }));
      assert.equal(result.sources.validator, 'ran');
      const error = result.findings.find((f) => f.origin === 'validator' && f.severity === 'error');
      assert.ok(error, JSON.stringify(result.findings));
      assert.equal(error.range.start.line, 6);
      assert.equal(error.fixes?.[0].edits[0].newText, 'BucketName');
    } finally {
      await worker.dispose();
      await pool.dispose();
    }
  });

  it('cuts a hostile file off at its time budget while this thread stays free, then lints the next file in a fresh worker', async () => {
    // ~0.6 MB: 8 s for 400 copies on this thread at load 28, 30 s for these 2,000; the budget is a tenth of that.
    const text = nestedComplexKeys(2000);
    const worker = new BudgetedLintWorker({ budget: { timeMs: 3000, memoryMb: 512 } });
    try {
      const { value, ticks } = await ticksDuring(worker.lint(job('hostile.yaml', text)));
      assert.deepEqual(value.findings.map((f) => f.ruleId), [LINT_BUDGET_RULE]);
      assert.match(value.findings[0].message, /more than 3 s of work/);
      assert.equal(worker.terminations, 1);
      assert.ok(ticks >= 3, `this thread ticked ${ticks} times while the worker parsed`);
      const next = await worker.lint(job('single-instance.yaml', readFixture('ha', 'MHA1002-single-az.yaml')));
      assert.ok(next.findings.some((f) => f.ruleId.startsWith('MHA')), 'the next file is linted');
      assert.equal(worker.terminations, 1);
    } finally {
      await worker.dispose();
    }
  });

  it('cuts a file off at its memory budget (V8 stops the worker) and says so', async () => {
    // 1 MB of small flow mappings: each becomes several objects in the parser and the model.
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  M: [' + Array.from({ length: 60_000 }, (_, i) => `{k${i}: v}`).join(', ') + ']\nResources:\n  T:\n    Type: AWS::SNS::Topic\n';
    const worker = new BudgetedLintWorker({ budget: { timeMs: 60_000, memoryMb: 64 } });
    try {
      const result = await worker.lint(job('memory.yaml', text));
      assert.deepEqual(result.findings.map((f) => f.ruleId), [LINT_BUDGET_RULE]);
      assert.match(result.findings[0].message, /more than 64 MB of memory/);
      assert.equal(worker.terminations, 1);
    } finally {
      await worker.dispose();
    }
  });

  it('fails alone a job that cannot cross to the worker (VS Code settings are proxies); the next lint runs at once', async () => {
    const worker = new BudgetedLintWorker();
    try {
      const text = readFixture('ha', 'MHA1002-single-az.yaml');
      const proxied = new Proxy({ MHA1002: 'off' as const }, {});
      const uncloneable = { rules: proxied as unknown as LintJob['rules'], region: { toString: () => 'eu-west-1' } as unknown as string };
      await assert.rejects(worker.lint(job('a.yaml', text, uncloneable)), /could not be sent to its worker/);
      const next = await worker.lint(job('b.yaml', text));
      assert.ok(next.findings.some((f) => f.ruleId === 'MHA1002'), JSON.stringify(next.findings.map((f) => f.ruleId)));
      assert.equal(worker.terminations, 0);
    } finally {
      await worker.dispose();
    }
  });

  it('drops an older queued lint of the same document and answers a cancelled one with a cancellation', async () => {
    const worker = new BudgetedLintWorker();
    try {
      const text = readFixture('ha', 'MHA1002-single-az.yaml');
      const first = worker.lint(job('a.yaml', text));
      const superseded = worker.lint(job('b.yaml', text));
      const newest = worker.lint(job('b.yaml', text));
      const controller = new AbortController();
      const cancelled = worker.lint(job('c.yaml', text), controller.signal);
      controller.abort();
      await assert.rejects(superseded, /Superseded/);
      await assert.rejects(cancelled, (e: Error) => e instanceof CancelledError);
      assert.ok((await first).findings.length > 0);
      assert.ok((await newest).findings.length > 0);
    } finally {
      await worker.dispose();
    }
  });
});
