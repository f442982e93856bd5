import * as net from 'node:net';

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The requested port when free, else the next free one above it (and says which). */
export async function chooseFreePort(requested: number, taken: Set<number> = new Set()): Promise<{ port: number; moved: boolean }> {
  for (let port = requested; port < requested + 200 && port < 65536; port++) {
    if (!taken.has(port) && (await isPortFree(port))) return { port, moved: port !== requested };
  }
  throw new Error(`no free port in ${requested}..${requested + 199}`);
}
