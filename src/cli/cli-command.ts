import type { Logger } from '../engine/common/logger';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export interface CliContext extends CliIo {
  /** Progress and diagnostics go to stderr, so stdout stays machine-readable. */
  logger: Logger;
  /** --verbose was given (run-cli takes it off the arguments of every command). */
  verbose?: boolean;
}

/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

/** One `moodle-ha <name>` command; commands/index.ts lists them all. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], context: CliContext): Promise<number>;
}
