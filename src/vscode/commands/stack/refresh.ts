import type { ExtensionCommand } from '../command';
import { stackFeature } from '../../deploy/stack-feature';

export const refreshStacksCommand: ExtensionCommand = {
  id: 'moodleHa.stack.refresh',
  async run(services) {
    const { session, tree } = stackFeature(services);
    // From the "no credentials" welcome page: try the SDK's default chain (an EC2 role) anyway.
    if (session.state(true) === 'noCredentials') session.assumeCredentials();
    // The one place the view asks to use a non-AWS endpoint: its welcome page's button runs this command.
    await session.usableClients();
    await tree.refresh(true);
  },
};
