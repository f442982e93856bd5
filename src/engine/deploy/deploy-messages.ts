import type { Finding } from '../lint/finding';
import type { ChangeSetPreview } from './change-set-preview';
import type { InferredCapability } from './template-inputs';

/** A resource's latest known status during an operation. */
export interface ResourceProgress {
  logicalId: string;
  nestedPath: string[];
  type?: string;
  status: string;
  reason?: string;
  time?: Date;
}

/** The first real cause of a failed operation: `LogicalId: reason`. */
export interface FailureCause {
  logicalId: string;
  nestedPath: string[];
  type?: string;
  status: string;
  reason: string;
}

/**
 * What the deploy engine tells its host, as typed data. The CLI prints these as text; VS Code
 * turns them into notifications, tree nodes and progress.
 */
export type DeployMessage =
  | { kind: 'lint'; errors: Finding[]; warnings: Finding[]; overridden: boolean }
  | { kind: 'capabilities'; capabilities: InferredCapability[] }
  | { kind: 'upload'; bucket: string; key: string; bytes: number }
  | { kind: 'changeSet'; preview: ChangeSetPreview }
  | { kind: 'resource'; resource: ResourceProgress }
  | { kind: 'progress'; done: number; total: number; elapsedMs: number; stackStatus?: string }
  | { kind: 'failure'; cause: FailureCause }
  | { kind: 'rollback'; status: string; done: number; total: number }
  | { kind: 'info'; text: string };

export type DeployMessageSink = (message: DeployMessage) => void;
