import { MhaError } from '../engine/common/errors';

/** A whole-number option from `min` to `max`, or a usage error naming the option and the range. */
export function integerOption(option: string, text: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new MhaError('usage', `--${option} must be a whole number from ${min} to ${max}, not '${text}'.`, { nextStep: `e.g. --${option} ${min === 1 && max === 65535 ? 8080 : min}` });
  }
  return value;
}
