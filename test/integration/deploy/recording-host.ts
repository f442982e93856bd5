import { silentLogger } from '../../../src/engine/common/logger';
import type { DeployHost } from '../../../src/engine/deploy/deploy-host';
import type { DeployMessage } from '../../../src/engine/deploy/deploy-messages';

/** A deploy host that agrees to everything (unless told otherwise) and records what it was told. */
export function recordingHost(answers: Partial<Record<'changeSet' | 'bucket' | 'recreate' | 'continueRollback' | 'lintOverride', boolean>> = {}) {
  const messages: DeployMessage[] = [];
  const asked: string[] = [];
  const host: DeployHost = {
    logger: silentLogger,
    emit: (m) => messages.push(m),
    confirmChangeSet: async () => { asked.push('changeSet'); return answers.changeSet ?? true; },
    confirmCreateBucket: async () => { asked.push('bucket'); return answers.bucket ?? true; },
    confirmRecreate: async () => { asked.push('recreate'); return answers.recreate ?? true; },
    confirmContinueRollback: async () => { asked.push('continueRollback'); return answers.continueRollback ?? true; },
    confirmLintOverride: async () => { asked.push('lintOverride'); return answers.lintOverride ?? false; },
  };
  const of = <K extends DeployMessage['kind']>(kind: K) => messages.filter((m): m is Extract<DeployMessage, { kind: K }> => m.kind === kind);
  return { host, messages, asked, of };
}
