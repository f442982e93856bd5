/** What a CloudFormation stack status means for a person, grouped the way the tree shows it. */
export type StatusClass = 'complete' | 'inProgress' | 'failed' | 'rolledBack' | 'deleted' | 'review';

export class StackStatus {
  private constructor(readonly name: string, readonly reason?: string) {}

  static of(name: string | undefined, reason?: string): StackStatus {
    return new StackStatus(name ?? 'UNKNOWN', reason);
  }

  get statusClass(): StatusClass {
    if (this.isDeleted) return 'deleted';
    if (this.name === 'REVIEW_IN_PROGRESS') return 'review';
    if (this.isInProgress) return 'inProgress';
    if (this.isRolledBack) return 'rolledBack';
    if (this.isFailure) return 'failed';
    return 'complete';
  }

  get isDeleted(): boolean { return this.name === 'DELETE_COMPLETE'; }
  get isInProgress(): boolean { return this.name.endsWith('_IN_PROGRESS') && this.name !== 'REVIEW_IN_PROGRESS'; }
  get isFailure(): boolean { return this.name.endsWith('_FAILED'); }
  /** A finished rollback: the stack is stable, but the operation that led here failed. */
  get isRolledBack(): boolean { return this.name.endsWith('ROLLBACK_COMPLETE'); }
  get isStable(): boolean { return !this.isInProgress && this.name !== 'REVIEW_IN_PROGRESS'; }
  /** The operation succeeded and the stack is usable. */
  get isSuccess(): boolean { return this.isStable && !this.isFailure && !this.isRolledBack && !this.isDeleted; }
  /** A failed first create: the stack can only be deleted. */
  get needsRecreate(): boolean { return this.name === 'ROLLBACK_COMPLETE' || this.name === 'ROLLBACK_FAILED'; }
  /** Only a created stack (not one awaiting its first change set) can take an UPDATE change set. */
  get existsForUpdate(): boolean { return !this.isDeleted && this.name !== 'REVIEW_IN_PROGRESS'; }

  toString(): string { return this.reason ? `${this.name} (${this.reason})` : this.name; }
}

/** A resource or stack event status, for the same icons and progress counting. */
export function isTerminalResourceStatus(status: string | undefined): boolean {
  return !!status && (status.endsWith('_COMPLETE') || status.endsWith('_FAILED') || status.endsWith('_SKIPPED'));
}
