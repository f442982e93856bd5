import { MhaError } from '../../common/errors';

import { describeEndpoint, dockerEndpoint } from './docker-endpoint';

/** Turns a dockerode/socket failure into the error a person can act on. */
export function mapDockerError(error: unknown, doing: string, engineInstalled = true, where = describeEndpoint(dockerEndpoint())): MhaError {
  if (error instanceof MhaError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string; json?: { message?: string } };
  const message = e?.json?.message ?? e?.message ?? String(error);
  if (e?.code === 'ENOENT' || e?.code === 'ECONNREFUSED') {
    if (!engineInstalled) {
      return new MhaError('docker.missing', 'Docker Engine is not installed.', {
        nextStep: 'Install it (Debian/Ubuntu: sudo apt-get install docker.io), or run sudo bash scripts/setup/docker.sh.',
      });
    }
    return new MhaError('docker.notRunning', `The Docker daemon is not running (no answer on ${where}).`, {
      nextStep: 'Start it: sudo systemctl start docker, or as root: dockerd > /var/log/dockerd.log 2>&1 &  (scripts/setup/docker.sh does both).',
    });
  }
  if (e?.code === 'EACCES' || e?.code === 'EPERM') {
    return new MhaError('docker.permission', `Permission denied on ${where}.`, {
      nextStep: 'Add yourself to the docker group (sudo usermod -aG docker $USER, then log in again) or run as root.',
    });
  }
  if (/no space left on device/i.test(message)) {
    return new MhaError('docker.diskFull', `Out of disk space while ${doing}.`, {
      nextStep: 'Free space (docker system prune removes unused images and build cache), then try again.',
    });
  }
  if (/port is already allocated|address already in use/i.test(message)) {
    return new MhaError('docker.portInUse', `A port is already in use while ${doing}: ${message}`, {
      nextStep: 'Choose another port with --port, or stop what uses it.',
    });
  }
  return new MhaError('internal', `Docker failed while ${doing}: ${message}`, { userFixable: false, cause: error });
}
