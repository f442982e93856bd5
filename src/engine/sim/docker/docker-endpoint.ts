/** Where the Docker client connects, as a person would name it in an error. */
export type DockerEndpoint = { kind: 'socket'; path: string } | { kind: 'host'; url: string };

/**
 * DOCKER_SOCKET (this project's own), else DOCKER_HOST (Docker's: unix:// or tcp://), else the
 * default socket. Errors name this, so a "not running" points at the place actually tried.
 */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  if (env.DOCKER_SOCKET) return { kind: 'socket', path: env.DOCKER_SOCKET };
  const host = env.DOCKER_HOST?.trim();
  if (host?.startsWith('unix://')) return { kind: 'socket', path: host.slice('unix://'.length) };
  if (host) return { kind: 'host', url: host };
  return { kind: 'socket', path: '/var/run/docker.sock' };
}

export function describeEndpoint(endpoint: DockerEndpoint): string {
  return endpoint.kind === 'socket' ? endpoint.path : `DOCKER_HOST=${endpoint.url}`;
}
