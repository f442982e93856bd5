import type { RuleTable } from '../rule-table';
import { awsReviewTables } from './aws-review';
import { codeTables } from './code';
import { costTables } from './cost';
import { databaseTables } from './database';
import { moodleConfigTables } from './moodle-config';
import { networkTables } from './network';
import { sessionCacheTables } from './session-cache';
import { storageTables } from './storage';
import { tagTables } from './tags';
import { webTierTables } from './web-tier';

export const allTables: RuleTable[] = [...webTierTables, ...storageTables, ...databaseTables, ...sessionCacheTables, ...codeTables, ...networkTables, ...tagTables,
  ...awsReviewTables, ...moodleConfigTables, ...costTables];
