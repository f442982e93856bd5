import type Docker from 'dockerode';
import type { Logger } from '../../common/logger';
import { silentLogger } from '../../common/logger';
import type { ProgressSink } from '../../common/progress';
import { ignoreProgress } from '../../common/progress';
import type { BaseImageDeps } from '../docker/images';
import type { ContainerPort } from '../docker/container-port';
import { dockerodeContainers } from '../docker/dockerode-containers';

/** What every replica operation takes: the Docker client, where sim/ is, and the host's ports. */
export interface SimContext {
  docker: Docker;
  /** The container lifecycle port; the dockerode adapter over `docker` when not given. */
  containers?: ContainerPort;
  simDir: string;
  logger?: Logger;
  progress?: ProgressSink;
  signal?: AbortSignal;
  baseImage?: BaseImageDeps;
}

export function logOf(ctx: SimContext): Logger { return ctx.logger ?? silentLogger; }
export function progressOf(ctx: SimContext): ProgressSink { return ctx.progress ?? ignoreProgress; }
export function containersOf(ctx: SimContext): ContainerPort { return ctx.containers ?? dockerodeContainers(ctx.docker); }
