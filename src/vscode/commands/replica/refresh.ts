import type { ExtensionCommand } from '../command';
import { replicaFeature } from '../../sim/replica-feature';

export const replicaRefreshCommand: ExtensionCommand = {
  id: 'moodleHa.replica.refresh',
  run: (services) => replicaFeature(services).session.refresh(),
};
