/* eslint-disable @typescript-eslint/no-require-imports */
import type { CliCommand } from '../cli-command';

export interface CliCommandEntry {
  name: string;
  /** Loaded on demand: `moodle-ha lint` should not pay for the AWS SDK or Docker client. */
  load(): CliCommand;
}

/** Every CLI command, in the order `moodle-ha --help` lists them. */
export const cliCommands: CliCommandEntry[] = [
  { name: 'lint', load: () => require('./lint').lintCommand },
  { name: 'scaffold', load: () => require('./scaffold').scaffoldCommand },
  { name: 'sim', load: () => require('./sim').simCommand },
  { name: 'deploy', load: () => require('./deploy').deployCommand },
  { name: 'stacks', load: () => require('./stacks').stacksCommand },
  { name: 'delete', load: () => require('./delete').deleteCommand },
  { name: 'publish', load: () => require('./publish').publishCommand },
  { name: 'migrate', load: () => require('./migrate').migrateCommand },
  { name: 'topology', load: () => require('./topology').topologyCommand },
  { name: 'cost', load: () => require('./cost').costCommand },
  { name: 'site', load: () => require('./site').siteCommand },
];
