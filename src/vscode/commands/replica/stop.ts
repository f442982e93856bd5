import { nodeCommand } from './node-command';

export const replicaStopCommand = nodeCommand('stop', 'Stopping');
