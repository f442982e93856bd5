import * as os from 'node:os';

/**
 * Time budgets of the scaffold matrix's heavy steps, per template, so the full matrix
 * (MHA_SCAFFOLD_FULL_MATRIX=1, 270 templates) and the pairwise cover get the same allowance
 * per template. Measured on the 2-core CI machine on 1 December 2026:
 * - cfn-lint: 7.6 s of CPU for one default template, 16.7 s for three (about 3 s to start and
 *   4.5 s a template); 77 s and 138 s of wall time at load 57–62;
 * - the pairwise cover (17 templates) in one cfn-lint run: 329 s at load ~60 (19 s a template);
 * - the full matrix's one run: 1,700 s for 270 templates at load 27–32 (6.3 s a template),
 *   exactly its old fixed budget.
 * A template gets 25 s of wall time (a third above the loaded figure), each cfn-lint process
 * 120 s more to start. MHA_SCAFFOLD_SECONDS_PER_TEMPLATE overrides it on a slower machine.
 */
export const SECONDS_PER_TEMPLATE = Number(process.env.MHA_SCAFFOLD_SECONDS_PER_TEMPLATE) || 25;
const CFN_LINT_START_S = 120;
/** moto's CreateStack and the Describe calls after it get the same allowance a stack. */
const MOTO_START_S = 60;

/** cfn-lint processes to run side by side: each starts once and lints its share of the files. */
export function cfnLintProcesses(files: number): number {
  return Math.max(1, Math.min(2, os.availableParallelism(), Math.ceil(files / 8)));
}

/** Milliseconds one cfn-lint process over `files` templates may take. */
export function cfnLintBudgetMs(files: number): number {
  return (CFN_LINT_START_S + files * SECONDS_PER_TEMPLATE) * 1000;
}

/** Milliseconds the moto step may take to create and check `stacks` stacks one after another. */
export function motoBudgetMs(stacks: number): number {
  return (MOTO_START_S + stacks * SECONDS_PER_TEMPLATE) * 1000;
}
