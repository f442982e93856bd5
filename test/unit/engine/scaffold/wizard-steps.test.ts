import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { stepProblem, WIZARD_STEPS, type WizardStep } from '../../../../src/vscode/scaffold/wizard-steps';

type InputStep = Extract<WizardStep, { kind: 'input' }>;
const input = (field: string) => WIZARD_STEPS.find((s): s is InputStep => s.kind === 'input' && s.fields[0] === field)!;

/** The wizard's questions are plain data over the engine: testable without VS Code. */
describe('vscode/scaffold wizard steps (no VS Code needed)', () => {
  it('validates at the step that asks: min > max, a bad cron, a certificate from another region', () => {
    const draft = resolveOptions({ domain: { name: 'moodle.example.edu' } });
    assert.match(stepProblem(input('web.minSize'), draft, '5/5/3')!, /below the minimum/);
    assert.equal(stepProblem(input('web.minSize'), draft, '2/3/8'), undefined);
    const exam = WIZARD_STEPS.find((s): s is InputStep => s.kind === 'input' && s.prompt.startsWith('Exam-day'))!;
    assert.match(stepProblem(exam, draft, '0 6 * *')!, /5 cron fields/);
    assert.match(stepProblem(input('domain.certificateArn'), draft, 'arn:aws:acm:us-east-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3')!, /us-east-1/);
    assert.match(stepProblem(input('projectName'), draft, 'My Moodle')!, /lower-case/);
  });

  it('every pick offers the current default, and every answer set by the steps stays valid', () => {
    const draft = resolveOptions({});
    for (const step of WIZARD_STEPS) {
      if (step.when && !step.when(draft)) continue;
      if (step.kind === 'pick') assert.ok(step.items(draft).some((i) => i.value === step.get(draft)), step.placeholder);
      else assert.equal(stepProblem(step, draft, step.get(draft)), undefined, step.prompt);
    }
  });

  it('asks the follow-up questions only when they apply', () => {
    const github = resolveOptions({ code: { source: 'github' } });
    const s3 = resolveOptions({});
    const asked = (o: ReturnType<typeof resolveOptions>) => WIZARD_STEPS.filter((s) => !s.when || s.when(o)).length;
    assert.ok(asked(github) > asked(s3));
  });
});
