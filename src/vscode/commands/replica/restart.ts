import { nodeCommand } from './node-command';

export const replicaRestartCommand = nodeCommand('restart', 'Restarting');
