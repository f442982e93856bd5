import type { ExtensionCommand } from './command';
import { lintFileCommand } from './lint/file';
import { lintWorkspaceCommand } from './lint/workspace';
import { showLogCommand } from './log/show';
import { addDomainCommand } from './project/add-domain';
import { newProjectCommand } from './project/new';
import { showCostCommand } from './cost/show';
import { migrateSiteCommand } from './migrate/site';
import { trustedOnly } from '../trust/require-trust';
import { revealResourceCommand } from './topology/reveal';
import { showTopologyCommand } from './topology/show';

/**
 * The commands in the main bundle. The Stacks (moodleHa.stack.*) and Local Replica
 * (moodleHa.replica.*) commands live in their own bundles: see stacks-entry.ts, replica-entry.ts.
 * An extension-host test checks that every command in package.json is registered.
 */
export const extensionCommands: ExtensionCommand[] = [
  showLogCommand,
  newProjectCommand,
  addDomainCommand,
  lintFileCommand,
  lintWorkspaceCommand,
  showTopologyCommand,
  revealResourceCommand,
  showCostCommand,
  trustedOnly(migrateSiteCommand, 'Migrating a site'),
];
