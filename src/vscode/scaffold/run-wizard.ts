import type { ScaffoldOptions } from '../../engine/scaffold/options';
import { BACK, inputStep, pickStep } from './quick-input';
import { stepProblem, WIZARD_STEPS, type WizardStep } from './wizard-steps';

/** Walks the steps that apply, with Back; returns the answers, or undefined when cancelled. */
export async function runWizard(start: ScaffoldOptions, steps: WizardStep[] = WIZARD_STEPS, title = 'Moodle HA: New Project'): Promise<ScaffoldOptions | undefined> {
  const draft = structuredClone(start);
  const history: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    if (step.when && !step.when(draft)) { index++; continue; }
    const applicable = steps.filter((s) => !s.when || s.when(draft)).length;
    const at = { title, step: history.length + 1, totalSteps: applicable };
    const answer = step.kind === 'pick'
      ? await pickStep(at, step.placeholder, step.items(draft), step.get(draft))
      : await inputStep(at, step.note ? `${step.prompt}, ${step.note(draft)}` : step.prompt, step.get(draft), (text) => stepProblem(step, draft, text));
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      index = history.pop() ?? 0;
      continue;
    }
    step.set(draft, answer);
    history.push(index);
    index++;
  }
  return draft;
}
