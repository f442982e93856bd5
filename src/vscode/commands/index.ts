import type { ExtensionCommand } from './command';
import { lintFileCommand } from './lint/file';
import { lintWorkspaceCommand } from './lint/workspace';
import { showLogCommand } from './log/show';
import { newProjectCommand } from './project/new';
import { deleteStackCommand } from './stack/delete';
import { deployStackCommand } from './stack/deploy';
import { detectDriftCommand } from './stack/detect-drift';
import { publishCodeCommand } from './stack/publish-code';
import { openUrlCommand, refreshStacksCommand, showAllStacksCommand, signInCommand, switchProfileCommand, switchRegionCommand } from './stack/tree-actions';
import { viewTemplateCommand } from './stack/view-template';
import { trustedOnly } from '../trust/require-trust';
import { replicaUpCommand } from './replica/up';
import { replicaDownCommand } from './replica/down';
import { replicaKillCommand, replicaLogsCommand, replicaStartCommand, replicaStopCommand } from './replica/node-action';
import { replicaOpenSiteCommand, replicaRefreshCommand } from './replica/open-site';
import { replicaScaleCommand } from './replica/scale';
import { replicaDrillCommand } from './replica/drill';

/** Every command the extension registers; a test checks this table against package.json. */
export const extensionCommands: ExtensionCommand[] = [
  showLogCommand,
  newProjectCommand,
  lintFileCommand,
  lintWorkspaceCommand,
  trustedOnly(deployStackCommand, 'Deploying a stack'),
  trustedOnly(deleteStackCommand, 'Deleting a stack'),
  trustedOnly(publishCodeCommand, 'Publishing code'),
  detectDriftCommand,
  viewTemplateCommand,
  refreshStacksCommand,
  switchProfileCommand,
  switchRegionCommand,
  showAllStacksCommand,
  openUrlCommand,
  signInCommand,
  trustedOnly(replicaUpCommand, 'The local replica'),
  trustedOnly(replicaDownCommand, 'The local replica'),
  trustedOnly(replicaKillCommand, 'The local replica'),
  trustedOnly(replicaStopCommand, 'The local replica'),
  trustedOnly(replicaStartCommand, 'The local replica'),
  replicaLogsCommand,
  replicaOpenSiteCommand,
  replicaRefreshCommand,
  trustedOnly(replicaScaleCommand, 'The local replica'),
  trustedOnly(replicaDrillCommand, 'The local replica'),
];
