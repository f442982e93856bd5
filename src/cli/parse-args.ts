import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MhaError } from '../engine/common/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors that name the command's help. */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new MhaError('usage', (error as Error).message, { nextStep: `Run 'moodle-ha ${command} --help' for the options.` });
  }
}
