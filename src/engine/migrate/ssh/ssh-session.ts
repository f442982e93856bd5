import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
import { MhaError } from '../../common/errors';
import { CancelledError, throwIfCancelled } from '../../common/cancellation';
import { decideHostKey } from './host-keys';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** Path of a private key (an agent is not used: the migration must be repeatable unattended). */
  privateKeyFile: string;
  /** The fingerprint the user confirmed on first contact. */
  acceptHostKey?: string;
}

export function endpointOf(target: SshTarget): string { return `${target.host}:${target.port}`; }

/** user@host[:port] → parts. */
export function parseSshAddress(address: string): { username: string; host: string; port: number } {
  const m = /^([^@\s]+)@(\[[^\]]+\]|[^:\s]+)(?::(\d+))?$/.exec(address);
  if (!m) throw new MhaError('usage', `'${address}' is not an SSH address.`, { nextStep: 'Write it as user@host or user@host:port.' });
  return { username: m[1], host: m[2].replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 };
}

/**
 * One SSH connection to the source server. The host key is checked against the work folder's trusted
 * keys before anything is sent; keepalives notice a cut network within seconds, not at TCP's minutes.
 */
export class SshSession {
  private constructor(private readonly client: Client, readonly endpoint: string) {}

  static async connect(target: SshTarget, knownHostsFile: string, signal?: AbortSignal): Promise<SshSession> {
    throwIfCancelled(signal);
    let privateKey: Buffer;
    try { privateKey = fs.readFileSync(target.privateKeyFile); } catch (error) {
      throw new MhaError('migrate.ssh', `Cannot read the SSH key ${target.privateKeyFile}: ${(error as Error).message}`, { nextStep: 'Pass the private key that may log in to the source server with --key.' });
    }
    const endpoint = endpointOf(target);
    const client = new Client();
    let refusal: MhaError | undefined;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => { client.end(); reject(new CancelledError()); };
      signal?.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => { signal?.removeEventListener('abort', onAbort); resolve(); });
      client.once('error', (error: Error & { level?: string }) => {
        signal?.removeEventListener('abort', onAbort);
        if (refusal) return reject(refusal);
        if (error.level === 'client-authentication') {
          return reject(new MhaError('migrate.ssh', `${target.username}@${endpoint} refused the key ${target.privateKeyFile}.`, { nextStep: `Add its public key to ~${target.username}/.ssh/authorized_keys on the source server.` }));
        }
        reject(new MhaError('migrate.connection', `Cannot connect to ${endpoint} over SSH: ${error.message}`, { nextStep: 'Check the address and port, and that sshd runs on the source server.' }));
      });
      client.connect({
        host: target.host, port: target.port, username: target.username, privateKey,
        readyTimeout: 15_000, keepaliveInterval: 2_000, keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          const decision = decideHostKey(knownHostsFile, endpoint, key, target.acceptHostKey);
          refusal = decision.error;
          return decision.ok;
        },
      });
    });
    return new SshSession(client, endpoint);
  }

  /** Runs a command; `stdin` is written then closed (how secrets travel: never in the command line). */
  async run(command: string, options: { stdin?: string; signal?: AbortSignal } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await this.stream(command, { ...options, onStdout: (d) => { stdout += d.toString('utf8'); }, onStderr: (d) => { stderr += d.toString('utf8'); } });
    return { code, stdout, stderr };
  }

  /**
   * Runs a command and hands its stdout to `onStdout` as it arrives. Resolves with the exit code;
   * rejects with migrate.connection when the connection ends before the command does.
   */
  stream(command: string, options: { stdin?: string; signal?: AbortSignal; onStdout?: (data: Buffer) => void; sink?: Writable; onStderr?: (data: Buffer) => void; what?: string }): Promise<number> {
    const { signal } = options;
    throwIfCancelled(signal);
    return new Promise<number>((resolve, reject) => {
      let channel: ClientChannel | undefined;
      let settled = false;
      const finish = (fn: () => void) => { if (!settled) { settled = true; signal?.removeEventListener('abort', onAbort); this.client.removeListener('close', onClose); fn(); } };
      const onAbort = () => { channel?.close(); finish(() => reject(new CancelledError())); };
      const onClose = () => finish(() => reject(new MhaError('migrate.connection', `The connection to ${this.endpoint} broke${options.what ? ` during ${options.what}` : ''}.`, {
        nextStep: 'Nothing was applied anywhere. When the network is back, run the same command again: finished steps are kept, the interrupted one starts over.',
      })));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.client.once('close', onClose);
      this.client.exec(command, (error, ch) => {
        if (error) return finish(() => reject(new MhaError('migrate.connection', `Cannot run a command on ${this.endpoint}: ${error.message}`)));
        channel = ch;
        let exitCode: number | undefined;
        // A sink gets back-pressure (a slow disk pauses the remote side); the sink is not ended here.
        if (options.sink) {
          ch.pipe(options.sink, { end: false });
          // A sink that fails (the local disk is full) unpipes, and the channel would wait forever.
          options.sink.once('error', (sinkError) => { ch.close(); finish(() => reject(sinkError)); });
        } else {
          ch.on('data', (d: Buffer) => options.onStdout?.(d));
        }
        ch.stderr.on('data', (d: Buffer) => options.onStderr?.(d));
        ch.on('exit', (code: number | null) => { exitCode = code ?? -1; });
        ch.on('close', () => {
          // A channel closed without an exit status: the far side went away mid-command.
          if (exitCode === undefined) onClose(); else finish(() => resolve(exitCode!));
        });
        if (options.stdin !== undefined) ch.end(options.stdin); else ch.end();
      });
    });
  }

  close(): void { this.client.end(); }
}
