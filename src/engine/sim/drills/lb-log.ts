import type Docker from 'dockerode';
import { demux } from '../docker/containers';

/**
 * When nginx first failed a request to `ip` after `sinceMs` (wall clock), from its error log with
 * Docker's nanosecond timestamps: the moment the LB noticed, even when it failed over so fast that
 * no client saw an error or a slow answer.
 */
export async function lbNoticedAt(docker: Docker, lbContainer: string, ip: string, sinceMs: number): Promise<number | undefined> {
  const container = docker.getContainer(lbContainer);
  const buffer = (await container.logs({ stdout: true, stderr: true, timestamps: true, since: Math.floor(sinceMs / 1000) - 1, follow: false })) as unknown as Buffer;
  return firstUpstreamError(demux(buffer), ip, sinceMs);
}

/** Pure part, for tests: the first `[error]` line naming upstream `ip` at or after `sinceMs`. */
export function firstUpstreamError(log: string, ip: string, sinceMs: number): number | undefined {
  for (const line of log.split('\n')) {
    const m = /^(\S+Z)\s.*\[error\].*upstream: "http:\/\/([0-9.]+):/.exec(line);
    if (!m || m[2] !== ip) continue;
    const at = Date.parse(m[1]);
    if (at >= sinceMs) return at;
  }
  return undefined;
}
