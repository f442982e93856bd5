import type { Logger } from '../../common/logger';
import type { ProgressSink } from '../../common/progress';
import type { Journal } from '../journal';

export interface MigrateContext {
  journal: Journal;
  progress: ProgressSink;
  logger: Logger;
  signal?: AbortSignal;
}

export const STEP = {
  inspect: 'take.inspect',
  code: 'take.code',
  database: 'take.database',
  moodledata: 'take.moodledata',
  inventory: 'take.inventory',
} as const;
