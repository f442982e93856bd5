// The Stacks feature as its own bundle (dist/stacks.js): it carries the AWS SDK.
import type { ExtensionCommand } from './commands/command';
import { deleteStackCommand } from './commands/stack/delete';
import { deployStackCommand } from './commands/stack/deploy';
import { detectDriftCommand } from './commands/stack/detect-drift';
import { publishCodeCommand } from './commands/stack/publish-code';
import { refreshStacksCommand } from './commands/stack/refresh';
import { switchProfileCommand } from './commands/stack/switch-profile';
import { switchRegionCommand } from './commands/stack/switch-region';
import { showAllStacksCommand } from './commands/stack/show-all';
import { openUrlCommand } from './commands/stack/open-url';
import { signInCommand } from './commands/stack/sign-in';
import { viewTemplateCommand } from './commands/stack/view-template';
import { showStackTopologyCommand } from './commands/stack/show-topology';
import { registerStacks } from './deploy/stack-feature';
import { trustedOnly } from './trust/require-trust';

export const register = registerStacks;

export const commands: ExtensionCommand[] = [
  trustedOnly(deployStackCommand, 'Deploying a stack'),
  trustedOnly(deleteStackCommand, 'Deleting a stack'),
  trustedOnly(publishCodeCommand, 'Publishing code'),
  trustedOnly(detectDriftCommand, 'Detecting drift'),
  trustedOnly(viewTemplateCommand, 'Viewing a deployed template'),
  trustedOnly(showStackTopologyCommand, 'Showing a deployed stack\'s topology'),
  trustedOnly(refreshStacksCommand, 'The Stacks view'),
  switchProfileCommand,
  switchRegionCommand,
  showAllStacksCommand,
  openUrlCommand,
  trustedOnly(signInCommand, 'Signing in to AWS'),
];
