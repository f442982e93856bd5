/** The only logging surface the engine sees. VS Code maps it onto a LogOutputChannel, the CLI onto stderr. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace() {}, debug() {}, info() {}, warn() {}, error() {},
};

type Level = keyof Logger;
const order: Level[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** A logger writing `[level] message` lines to a stream, dropping lines below `minimum`. */
export function streamLogger(write: (line: string) => void, minimum: Level = 'info'): Logger {
  const floor = order.indexOf(minimum);
  const at = (level: Level) => (message: string) => {
    if (order.indexOf(level) >= floor) write(`[${level}] ${message}\n`);
  };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
