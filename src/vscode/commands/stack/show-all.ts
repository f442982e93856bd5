import { saveAwsSetting } from '../../deploy/aws-settings';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';

export const showAllStacksCommand: ExtensionCommand = {
  id: 'moodleHa.stack.showAll',
  run: async (services) => { await saveAwsSetting('showAllStacks', !stackFeature(services).session.settings.showAllStacks); },
};
