// The Local Replica feature as its own bundle (dist/replica.js): it carries the Docker client.
import type { ExtensionCommand } from './commands/command';
import { replicaDownCommand } from './commands/replica/down';
import { replicaDrillCommand } from './commands/replica/drill';
import { replicaKillCommand } from './commands/replica/kill';
import { replicaStopCommand } from './commands/replica/stop';
import { replicaStartCommand } from './commands/replica/start';
import { replicaRestartCommand } from './commands/replica/restart';
import { replicaLogsCommand } from './commands/replica/logs';
import { replicaOpenSiteCommand } from './commands/replica/open-site';
import { replicaRefreshCommand } from './commands/replica/refresh';
import { replicaScaleCommand } from './commands/replica/scale';
import { replicaUpCommand } from './commands/replica/up';
import { replicaShowTopologyCommand } from './commands/replica/show-topology';
import { registerReplica } from './sim/replica-feature';
import { trustedOnly } from './trust/require-trust';

export const register = registerReplica;

export const commands: ExtensionCommand[] = [
  trustedOnly(replicaUpCommand, 'The local replica'),
  trustedOnly(replicaDownCommand, 'The local replica'),
  trustedOnly(replicaKillCommand, 'The local replica'),
  trustedOnly(replicaStopCommand, 'The local replica'),
  trustedOnly(replicaStartCommand, 'The local replica'),
  trustedOnly(replicaRestartCommand, 'The local replica'),
  trustedOnly(replicaLogsCommand, 'The local replica'),
  replicaOpenSiteCommand,
  trustedOnly(replicaRefreshCommand, 'The local replica'),
  trustedOnly(replicaScaleCommand, 'The local replica'),
  trustedOnly(replicaDrillCommand, 'The local replica'),
  trustedOnly(replicaShowTopologyCommand, 'The local replica'),
];
