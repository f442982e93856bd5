import { showLiveTopology } from '../../pictures/live-topology-panel';
import { replicaFeature } from '../../sim/replica-feature';
import type { ExtensionCommand } from '../command';

/** The running replica drawn on the open template's topology, nodes by health, updated as it changes. */
export const replicaShowTopologyCommand: ExtensionCommand = {
  id: 'moodleHa.replica.showTopology',
  run(services) {
    showLiveTopology(replicaFeature(services).session);
  },
};
