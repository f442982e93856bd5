import * as path from 'node:path';
import { runBudgetedTask, type TaskBudget } from '../common/budgeted-task';
import type { ScaffoldOptions } from '../scaffold/options';

/**
 * Pricing the answers renders and replays a whole template: 224 ms (median) on a quiet machine,
 * 3.9 s at load 30, on the extension host before. Ten seconds is far beyond a normal run.
 */
export const WIZARD_COST_BUDGET: TaskBudget = { timeMs: 10_000, memoryMb: 256 };

/**
 * The summary page's cost lines (describeWizardCost), computed in a worker thread within a budget.
 * Past the budget the lines say the estimate was stopped instead of giving a figure.
 */
export async function wizardCostLines(answers: ScaffoldOptions, options: { signal?: AbortSignal; budget?: TaskBudget; workerScript?: string } = {}): Promise<string[]> {
  const budget = options.budget ?? WIZARD_COST_BUDGET;
  const script = options.workerScript ?? path.join(__dirname, 'wizard-cost-worker.js');
  const outcome = await runBudgetedTask<ScaffoldOptions, string[]>(script, answers, budget, options.signal);
  if (outcome.ok) return outcome.value;
  const spent = outcome.over === 'time' ? `took longer than ${budget.timeMs < 1000 ? `${budget.timeMs} ms` : `${Math.round(budget.timeMs / 100) / 10} s`}` : `needed more than ${budget.memoryMb} MB`;
  return [`Not estimated (pricing these answers ${spent}, so it was stopped; the project can still be written)`];
}
