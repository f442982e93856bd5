/**
 * Errors that reach a user. Each carries a stable code, whether the user can fix it, and the next
 * step to take. The command boundary (CLI or VS Code) shows it once; the engine never shows UI.
 */
export type ErrorCode =
  | 'usage'
  | 'io'
  | 'template.parse'
  | 'validator.unavailable'
  | 'docker.missing'
  | 'docker.notRunning'
  | 'docker.permission'
  | 'docker.image'
  | 'docker.portInUse'
  | 'docker.diskFull'
  | 'sim.notRunning'
  | 'sim.readiness'
  | 'sim.moodle'
  | 'aws.credentials'
  | 'aws.ssoExpired'
  | 'aws.accessDenied'
  | 'aws.throttled'
  | 'aws.stackState'
  | 'aws.invalidInput'
  | 'aws.templateTooLarge'
  | 'scaffold.invalidOptions'
  | 'scaffold.write'
  | 'migrate.input'
  | 'migrate.journal'
  | 'migrate.ssh'
  | 'migrate.hostKey'
  | 'migrate.connection'
  | 'migrate.space'
  | 'migrate.check'
  | 'migrate.restore'
  | 'migrate.verify'
  | 'migrate.upload'
  | 'migrate.maintenance'
  | 'cancelled'
  | 'internal';

/** Shared by every copy of this module (each feature bundle has its own): the brand `isMhaError` checks. */
const BRAND = Symbol.for('moodle-ha.error');

export class MhaError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { nextStep?: string; userFixable?: boolean; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'MhaError';
  }
  get nextStep(): string | undefined { return this.options.nextStep; }
  get userFixable(): boolean { return this.options.userFixable ?? true; }
}

/**
 * An MhaError, also one made by another copy of this module: the extension's feature bundles
 * (dist/stacks.js, dist/replica.js) each carry their own class, so `instanceof` alone misses theirs.
 */
export function asMhaError(error: unknown): MhaError | undefined {
  return isMhaError(error) ? error : undefined;
}

/** The one MhaError check: by brand, so it holds across bundles (where `instanceof` fails) and a plain Error named 'MhaError' is not one. */
export function isMhaError(error: unknown): error is MhaError {
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
}

/** One line for a person: the message, then what to do about it. */
export function describeError(error: unknown): string {
  const mha = asMhaError(error);
  if (mha) return mha.nextStep ? `${mha.message}\n  → ${mha.nextStep}` : mha.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
