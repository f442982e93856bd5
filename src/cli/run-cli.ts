import { asMhaError, describeError } from '../engine/common/errors';
import { isCancellation } from '../engine/common/cancellation';
import { streamLogger } from '../engine/common/logger';
import { escapeControl } from '../engine/common/terminal-text';
import { toolVersion } from '../engine/common/version';
import { ExitCode, type CliIo } from './cli-command';
import { cliCommands } from './commands';

export async function runCli(argv: string[], terminal: CliIo): Promise<number> {
  // Everything printed may carry template text: control characters are shown, never obeyed.
  const io: CliIo = { ...terminal, out: (t) => terminal.out(escapeControl(t)), err: (t) => terminal.err(escapeControl(t)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version') {
    io.out(`${toolVersion}\n`);
    return ExitCode.ok;
  }
  const command = cliCommands.find((c) => c.name === name)?.load();
  if (!command) {
    io.err(`moodle-ha: unknown command '${name}'.\n\n${helpText()}`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return ExitCode.ok;
  }
  const verbose = rest.includes('--verbose');
  const logger = streamLogger(io.err, verbose ? 'debug' : 'warn');
  try {
    return await command.run(rest.filter((a) => a !== '--verbose'), { ...io, logger, verbose });
  } catch (error) {
    if (isCancellation(error)) {
      io.err('moodle-ha: cancelled.\n');
      return 130;
    }
    io.err(`moodle-ha ${name}: ${describeError(error)}\n`);
    const mha = asMhaError(error);
    if (!mha && verbose && error instanceof Error) io.err(`${error.stack}\n`);
    return mha && (mha.code === 'usage' || mha.code === 'io') ? ExitCode.usage : ExitCode.findings;
  }
}

function helpText(): string {
  const commands = cliCommands.map((c) => c.load());
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: moodle-ha <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'moodle-ha <command> --help' for a command's options.\n`;
}
