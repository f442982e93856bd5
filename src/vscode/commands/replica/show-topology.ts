import { showLiveTopology } from '../../pictures/live-topology-panel';
import { replicaFeature } from '../../sim/replica-feature';
import type { ExtensionCommand } from '../command';

/** The running replica drawn on its template's topology (the one it was started from, else the open one), nodes by health, updated as it changes. */
export const replicaShowTopologyCommand: ExtensionCommand = {
  id: 'moodleHa.replica.showTopology',
  async run(services) {
    await showLiveTopology(replicaFeature(services).session);
  },
};
