import type { Parameter } from '@aws-sdk/client-cloudformation';
import { CancelledError } from '../common/cancellation';
import { MhaError } from '../common/errors';
import { compileAllowedPattern } from './allowed-pattern';
import type { ParameterSpec } from './template-inputs';

/** What the host may answer for one parameter. */
export type ParameterAnswer = { value: string } | { usePrevious: true };

export interface ParameterQuestion {
  spec: ParameterSpec;
  /** The value last used for this stack (never for NoEcho). */
  remembered?: string;
  /** The deployed stack has this parameter, so "use previous value" is possible. */
  previousAvailable: boolean;
}

/** Asks for one value; undefined cancels the deploy. */
export type ParameterPrompter = (question: ParameterQuestion) => Promise<ParameterAnswer | undefined>;

export interface ResolvedParameters {
  sdk: Parameter[];
  /** For display and logs: NoEcho values masked. */
  shown: Array<{ key: string; value: string; usePrevious?: boolean }>;
  /** Plain values to remember (the caller drops NoEcho ones). */
  values: Record<string, string>;
}

/**
 * Decides each parameter: given explicitly (--param), else asked (when a prompter exists), else
 * remembered, else the deployed stack's previous value, else the template default. Values are
 * checked against AllowedValues and AllowedPattern before CloudFormation sees them.
 */
export async function resolveParameters(
  specs: ParameterSpec[],
  options: { given: Record<string, string>; remembered: Record<string, string>; previousKeys: Set<string>; prompt?: ParameterPrompter },
): Promise<ResolvedParameters> {
  const unknown = Object.keys(options.given).filter((k) => !specs.some((s) => s.key === k));
  if (unknown.length) {
    throw new MhaError('usage', `The template has no parameter ${unknown.map((k) => `'${k}'`).join(', ')}.`, {
      nextStep: `Its parameters are: ${specs.map((s) => s.key).join(', ') || '(none)'}.`,
    });
  }
  const out: ResolvedParameters = { sdk: [], shown: [], values: {} };
  for (const spec of specs) {
    const previousAvailable = options.previousKeys.has(spec.key);
    const remembered = spec.noEcho ? undefined : options.remembered[spec.key];
    let answer: ParameterAnswer | undefined;
    if (spec.key in options.given) answer = { value: options.given[spec.key] };
    else if (options.prompt) {
      answer = await options.prompt({ spec, remembered, previousAvailable });
      if (!answer) throw new CancelledError('Deploy cancelled at the parameters.');
    } else if (remembered !== undefined) answer = { value: remembered };
    else if (previousAvailable) answer = { usePrevious: true };
    else if (spec.defaultValue !== undefined) answer = { value: spec.defaultValue };
    else {
      throw new MhaError('usage', `Parameter '${spec.key}' needs a value${spec.description ? ` (${spec.description})` : ''}.`, {
        nextStep: `Pass --param ${spec.key}=VALUE.`,
      });
    }
    if ('usePrevious' in answer) {
      if (!previousAvailable) throw new MhaError('usage', `Parameter '${spec.key}' has no previous value: the stack does not have it yet.`);
      out.sdk.push({ ParameterKey: spec.key, UsePreviousValue: true });
      out.shown.push({ key: spec.key, value: '', usePrevious: true });
      continue;
    }
    checkValue(spec, answer.value);
    out.sdk.push({ ParameterKey: spec.key, ParameterValue: answer.value });
    out.shown.push({ key: spec.key, value: spec.noEcho ? '****' : answer.value });
    out.values[spec.key] = answer.value;
  }
  return out;
}

/** Returns why a value is not allowed, or undefined when it is (prompts use it to validate input). */
export function parameterProblem(spec: ParameterSpec, value: string): string | undefined {
  if (spec.allowedValues && !spec.allowedValues.includes(value)) return `must be one of ${spec.allowedValues.join(', ')}`;
  if (spec.allowedPattern !== undefined) {
    const pattern = compileAllowedPattern(spec.allowedPattern);
    if (pattern.kind === 'invalid') return invalidPatternMessage(spec, pattern.reason);
    if (pattern.kind === 'linear' && !pattern.matches(value)) return spec.constraintDescription ?? `must match ${spec.allowedPattern}`;
  }
  // CloudFormation wants a finite number: '' and 1e999 (Infinity) are not.
  if (/^Number$/.test(spec.type) && (value.trim() === '' || !Number.isFinite(Number(value)))) return 'must be a number';
  return undefined;
}

function invalidPatternMessage(spec: ParameterSpec, reason: string): string {
  return `AllowedPattern of parameter ${spec.key} is not a valid regular expression (${reason})`;
}

function checkValue(spec: ParameterSpec, value: string): void {
  if (spec.allowedPattern !== undefined) {
    const pattern = compileAllowedPattern(spec.allowedPattern);
    if (pattern.kind === 'invalid') {
      throw new MhaError('usage', `${invalidPatternMessage(spec, pattern.reason)}.`, { nextStep: `Fix the AllowedPattern of ${spec.key} in the template; CloudFormation would refuse it too.` });
    }
  }
  const problem = parameterProblem(spec, value);
  if (problem) {
    // Never echo a NoEcho value back, even in an error.
    throw new MhaError('usage', `Parameter '${spec.key}'${spec.noEcho ? '' : ` = '${value}'`} ${problem}.`);
  }
}

/** `K=V` pairs from the command line. */
export function parseParamArgs(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new MhaError('usage', `Bad --param '${pair.replace(/=.*/, '=…')}'.`, { nextStep: 'Write it as --param Key=Value.' });
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
