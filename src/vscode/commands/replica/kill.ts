import { nodeCommand } from './node-command';

export const replicaKillCommand = nodeCommand('kill', 'Killing');
