import { nodeCommand } from './node-command';

export const replicaStartCommand = nodeCommand('start', 'Starting');
