import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/**
 * A moto_server on 127.0.0.1 at a free port, for integration tests of anything that talks to AWS.
 *
 *   let moto: MotoServer;
 *   before(async () => { moto = await startMoto(); });
 *   beforeEach(() => moto.reset());
 *   after(() => moto.stop());
 *
 * Any credentials work; the account is 123456789012. Use `moto.endpoint` as the SDK endpoint
 * (S3 also needs forcePathStyle).
 */
export interface MotoServer {
  endpoint: string;
  port: number;
  /** Wipes every backend, so each test starts from an empty account. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export async function startMoto(options: { command?: string; readyTimeoutMs?: number } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(options.command ?? process.env.MOTO_SERVER ?? 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: pyenv's shim and werkzeug's reloader fork, and stop() must end them all.
    detached: true,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: MotoServer = {
    endpoint,
    port,
    reset: async () => {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset answered HTTP ${res.status}`);
    },
    stop: () => kill(child, exited),
  };
  try {
    await waitUntilReady(endpoint, options.readyTimeoutMs ?? 30_000, exited, () => stderr);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(endpoint: string, timeoutMs: number, exited: Promise<number | null>, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => { gone = true; });
  while (Date.now() < deadline) {
    if (gone) throw new Error(`moto_server exited before it was ready. Is it installed (pip install 'moto[server]')?\n${stderr()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms.\n${stderr()}`);
}

async function kill(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Puts moto's keys in the process environment (the SDK's default chain reads them, as the real
 * CLI's does) and returns the function that puts back what was there before.
 */
export function motoCredentialsInEnv(): () => void {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = MOTO_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = MOTO_CREDENTIALS.secretAccessKey;
  return () => {
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID; else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY; else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  };
}
