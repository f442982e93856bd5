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
  | 'cancelled'
  | 'internal';

export class MhaError extends Error {
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

/** One line for a person: the message, then what to do about it. */
export function describeError(error: unknown): string {
  if (error instanceof MhaError) {
    return error.nextStep ? `${error.message}\n  → ${error.nextStep}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
