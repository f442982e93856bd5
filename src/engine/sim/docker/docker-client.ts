import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import Docker from 'dockerode';
import { mapDockerError } from './docker-errors';
import { dockerEndpoint } from './docker-endpoint';

/** Docker Engine API 1.41 is what Debian 12's docker.io speaks; newer engines accept it too. */
export function createDockerClient(): Docker {
  const endpoint = dockerEndpoint();
  // A tcp:// DOCKER_HOST (with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) is dockerode's own to read.
  return endpoint.kind === 'socket' ? new Docker({ socketPath: endpoint.path }) : new Docker();
}

/** Checks the engine answers; maps every way it cannot into docker.missing / notRunning / permission. */
export async function checkDocker(docker: Docker): Promise<{ version: string }> {
  try {
    const version = await docker.version();
    return { version: version.Version };
  } catch (error) {
    throw mapDockerError(error, 'connecting to Docker', await engineInstalled());
  }
}

async function engineInstalled(): Promise<boolean> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin', '/usr/local/bin']);
  for (const dir of dirs) {
    for (const name of ['dockerd', 'docker']) {
      try { await fs.access(path.join(dir, name)); return true; } catch { /* next */ }
    }
  }
  return false;
}
