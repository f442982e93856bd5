import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { MhaError } from '../../common/errors';

/**
 * The host keys this migration trusts, kept in the work folder (JSON: "host:port" → SHA-256
 * fingerprint), so a later step talks to the same server the first one did. First contact needs the
 * user's confirmation of the fingerprint; a changed key is always refused.
 */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export interface HostKeyDecision { ok: boolean; error?: MhaError; learned?: string }

export function decideHostKey(file: string, endpoint: string, key: Buffer, accept?: string): HostKeyDecision {
  const known = readKnown(file);
  const seen = fingerprint(key);
  const trusted = known[endpoint];
  if (trusted === seen) return { ok: true };
  if (trusted) {
    return {
      ok: false,
      error: new MhaError('migrate.hostKey', `The SSH host key of ${endpoint} has CHANGED: it was ${trusted}, it is now ${seen}. Nothing was copied.`, {
        nextStep: `Someone may be intercepting the connection, or the server was reinstalled. Compare with the server's own key (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Only if it matches, run 'moodle-ha migrate forget-host ${endpoint} --work <folder>' and start again with --accept-host-key ${seen}.`,
      }),
    };
  }
  if (accept === seen) {
    writeKnown(file, { ...known, [endpoint]: seen });
    return { ok: true, learned: seen };
  }
  return {
    ok: false,
    error: new MhaError('migrate.hostKey', accept
      ? `The SSH host key of ${endpoint} is ${seen}, not the ${accept} you confirmed. Nothing was copied.`
      : `First connection to ${endpoint}: its SSH host key is ${seen}. Nothing was copied yet.`, {
      nextStep: `Check the fingerprint on the server (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then run the command again with --accept-host-key ${seen}.`,
    }),
  };
}

export function forgetHost(file: string, endpoint: string): boolean {
  const known = readKnown(file);
  if (!(endpoint in known)) return false;
  delete known[endpoint];
  writeKnown(file, known);
  return true;
}

function readKnown(file: string): Record<string, string> {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>; } catch { return {}; }
}

function writeKnown(file: string, known: Record<string, string>): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(known, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}
