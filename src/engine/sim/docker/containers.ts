import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { CancelledError, delay, isCancellation, throwIfCancelled } from '../../common/cancellation';
import { mapDockerError } from './docker-errors';
import type { TarEntry } from './tar';
import type { ContainerPort } from './container-port';
import { lastLines } from './images';

export interface NodeSpec {
  project: string;
  session: string;
  node: string;
  role: 'lb' | 'web' | 'db' | 'cache';
  image: string;
  ip: string;
  network: string;
  env?: Record<string, string>;
  /** Named volume → mount path. */
  volumes?: Record<string, string>;
  health: string;
  /** Publish container port 80 on 127.0.0.1:hostPort (the LB only). */
  publish?: number;
  extraLabels?: Record<string, string>;
  /** Small files written before start (absolute paths). */
  files?: TarEntry[];
  /** A host folder copied into the container before start (code is per node: never shared). */
  copyDir?: { from: string; to: string };
}

export function containerName(project: string, node: string): string { return `${project}-${node}`; }

/** Creates a node (not started) through the container port; returns its id. */
export async function createNode(containers: ContainerPort, spec: NodeSpec, signal?: AbortSignal): Promise<string> {
  try {
    return await containers.create(spec, signal);
  } catch (error) {
    throw mapDockerError(error, `creating ${spec.node}`);
  }
}

/** Streams `tar -c` of a host folder into the container (async; a Moodle checkout is ~30k files). */
export async function copyDirInto(container: Docker.Container, from: string, to: string, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  const child = spawn('tar', ['-C', from, '--exclude=.git', '--owner=0', '--group=0', '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(signal?.aborted ? new CancelledError() : new Error(`tar ${from}: ${stderr}`)))));
  done.catch(() => undefined); // awaited below; a failed upload must not leave it unhandled
  // Cancelled, or the upload failed: tar must not keep running (and reading 30k files) on its own.
  const stop = () => { child.kill('SIGKILL'); child.stdout.destroy(); };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await container.putArchive(child.stdout, { path: to, abortSignal: signal } as Parameters<Docker.Container['putArchive']>[1]);
    await done;
  } catch (error) {
    stop();
    throw signal?.aborted ? new CancelledError() : error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * Starts a created node and waits for Docker's health check. A node that fails readiness is removed,
 * and the error carries its last log lines (testcontainers' lesson: never leave a half-started node).
 */
export async function startAndWait(containers: ContainerPort, id: string, node: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  try {
    await containers.start(id);
  } catch (error) {
    const logs = await lastLogs(containers, id);
    await containers.remove(id, { force: true }).catch(() => undefined);
    const mapped = mapDockerError(error, `starting ${node}`);
    if (mapped.code !== 'internal') throw mapped;
    throw new MhaError('sim.readiness', `${node} did not start: ${mapped.message}\n${logs}`);
  }
  await waitHealthy(containers, id, node, timeoutMs, signal, true);
}

export async function waitHealthy(containers: ContainerPort, id: string, node: string, timeoutMs: number, signal?: AbortSignal, removeOnFailure = false): Promise<number> {
  const started = Date.now();
  const removeIfAsked = () => (removeOnFailure ? containers.remove(id, { force: true }).catch(() => undefined) : undefined);
  let last = '';
  try {
    while (Date.now() - started < timeoutMs) {
      throwIfCancelled(signal);
      const state = await containers.inspect(id);
      last = state.health ?? state.status;
      if (last === 'healthy') return Date.now() - started;
      if (!state.running) break;
      await delay(200, signal);
    }
  } catch (error) {
    // Cancelled while waiting: a half-started node does not stay behind.
    if (isCancellation(error)) await removeIfAsked();
    throw error;
  }
  const logs = await lastLogs(containers, id);
  await removeIfAsked();
  throw new MhaError('sim.readiness', `${node} was not ready after ${Math.round((Date.now() - started) / 1000)} s (state: ${last})${removeOnFailure ? ' and was removed' : ''}. Last log lines:\n${logs}`, {
    nextStep: 'Fix the cause shown in the log lines, then run the command again.',
  });
}

export async function lastLogs(containers: ContainerPort, id: string, lines = 20): Promise<string> {
  try {
    return lastLines(await containers.logs(id, lines), lines) || '(no log output)';
  } catch {
    return '(logs unavailable)';
  }
}

/** Docker's multiplexed stream format (8-byte frame headers) → text. */
export function demux(buffer: Buffer): string {
  let out = '';
  let offset = 0;
  while (offset + 8 <= buffer.length && (buffer[offset] === 1 || buffer[offset] === 2) && buffer[offset + 1] === 0) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : out;
}

export interface ExecResult { exitCode: number; output: string }

/** Runs a command in a node and collects its output (stdout and stderr interleaved). */
export async function execIn(container: Docker.Container, cmd: string[], env: Record<string, string> = {}, user?: string, signal?: AbortSignal): Promise<ExecResult> {
  throwIfCancelled(signal);
  const exec = await container.exec({ Cmd: cmd, Env: Object.entries(env).map(([k, v]) => `${k}=${v}`), AttachStdout: true, AttachStderr: true, User: user });
  const stream = await exec.start({ hijack: true, stdin: false });
  const sink = new PassThrough();
  let output = '';
  sink.on('data', (d: Buffer) => { output += d.toString('utf8'); });
  container.modem.demuxStream(stream, sink, sink);
  // Cancelled mid-command: stop reading at once. Docker has no "kill exec"; the process ends with its
  // container, which the cancelled operation removes (up sweeps what it started).
  const abort = () => stream.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await new Promise<void>((resolve) => { stream.on('end', resolve); stream.on('close', resolve); stream.on('error', () => resolve()); });
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  throwIfCancelled(signal);
  let info = await exec.inspect();
  for (let i = 0; info.Running && i < 50; i++) { await delay(20); info = await exec.inspect(); }
  return { exitCode: info.ExitCode ?? -1, output };
}
