import type { ExtensionCommand } from '../command';

export const showLogCommand: ExtensionCommand = {
  id: 'moodleHa.log.show',
  run: (services) => services.log.show(true),
};
