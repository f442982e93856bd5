import type { Logger } from '../common/logger';
import type { Finding } from '../lint/finding';
import type { ChangeSetPreview } from './change-set-preview';
import type { DeployMessageSink } from './deploy-messages';
import type { ParameterPrompter } from './resolve-parameters';

/**
 * Everything the deploy engine needs from whoever runs it. Questions are callbacks: a host that
 * leaves one out answers "no" (the CLI with --yes answers "yes" to the ones it may).
 */
export interface DeployHost {
  emit: DeployMessageSink;
  logger: Logger;
  promptParameter?: ParameterPrompter;
  confirmLintOverride?(errors: Finding[]): Promise<boolean>;
  confirmCreateBucket?(bucket: string): Promise<boolean>;
  /** The stack failed its first create (ROLLBACK_COMPLETE): it must be deleted before deploying again. */
  confirmRecreate?(stackName: string, status: string): Promise<boolean>;
  /** The stack is in UPDATE_ROLLBACK_FAILED: continue the rollback first? */
  confirmContinueRollback?(stackName: string, reason?: string): Promise<boolean>;
  confirmChangeSet(preview: ChangeSetPreview): Promise<boolean>;
}
