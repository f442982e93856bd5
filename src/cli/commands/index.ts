import type { CliCommand } from '../cli-command';
import { lintCommand } from './lint';

/** Every CLI command, in the order `moodle-ha --help` lists them. */
export const cliCommands: CliCommand[] = [
  lintCommand,
];
