import type { Readable, Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { delay } from '../../common/cancellation';

/**
 * Runs a command in a container with `input` streamed to its stdin and stdout handed to `onStdout`
 * (stderr collected). Docker's exec API, the same way `docker exec -i` works.
 */
export async function execStream(container: Docker.Container, cmd: string[], options: { input?: Readable; stdout?: Writable; user?: string; signal?: AbortSignal } = {}): Promise<{ exitCode: number; stderr: string }> {
  const exec = await container.exec({ Cmd: cmd, AttachStdin: !!options.input, AttachStdout: true, AttachStderr: true, User: options.user });
  const stream = await exec.start({ hijack: true, stdin: !!options.input });
  const out = options.stdout ?? new PassThrough().resume();
  const err = new PassThrough();
  let stderr = '';
  err.on('data', (d: Buffer) => { stderr += d.toString('utf8'); if (stderr.length > 65536) stderr = stderr.slice(-32768); });
  container.modem.demuxStream(stream, out, err);
  const ended = new Promise<void>((resolve) => { stream.on('end', resolve); stream.on('close', resolve); stream.on('error', () => resolve()); });
  const onAbort = () => { options.input?.destroy(); stream.destroy(); };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.input) {
    options.input.pipe(stream as unknown as Writable, { end: false });
    options.input.on('end', () => (stream as unknown as { end(): void }).end());
  }
  await ended;
  options.signal?.removeEventListener('abort', onAbort);
  let info = await exec.inspect();
  for (let i = 0; info.Running && i < 100; i++) { await delay(20); info = await exec.inspect(); }
  return { exitCode: info.ExitCode ?? -1, stderr };
}
