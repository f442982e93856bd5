import type { CliCommand } from '../cli-command';
import { lintCommand } from './lint';
import { scaffoldCommand } from './scaffold';
import { deployCommand } from './deploy';
import { stacksCommand } from './stacks';
import { deleteCommand } from './delete';
import { publishCommand } from './publish';
import { simCommand } from './sim';

/** Every CLI command, in the order `moodle-ha --help` lists them. */
export const cliCommands: CliCommand[] = [
  lintCommand,
  scaffoldCommand,
  deployCommand,
  stacksCommand,
  deleteCommand,
  publishCommand,
  simCommand,
];
