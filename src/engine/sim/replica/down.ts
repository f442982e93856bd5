import type Docker from 'dockerode';
import { LABEL_PROJECT, projectFilter } from '../docker/labels';
import type { ContainerPort } from '../docker/container-port';
import { dockerodeContainers } from '../docker/dockerode-containers';
import { mapDockerError } from '../docker/docker-errors';

export interface SweepResult { containers: number; networks: number; volumes: number }

/**
 * Removes everything labelled with the project: works after a crash too, since nothing is read from
 * local state. `keepData` keeps the volumes (moodledata and the database) for the next `up`.
 */
export async function sweepProject(docker: Docker, project: string, options: { keepData?: boolean } = {}): Promise<SweepResult> {
  const filters = projectFilter(project);
  const result: SweepResult = { containers: 0, networks: 0, volumes: 0 };
  try {
    result.containers = await removeProjectContainers(dockerodeContainers(docker), project);
    for (const n of await docker.listNetworks({ filters })) {
      await docker.getNetwork(n.Id).remove().catch(ignoreMissing);
      result.networks++;
    }
    if (!options.keepData) {
      const { Volumes } = await docker.listVolumes({ filters });
      for (const v of Volumes ?? []) {
        await docker.getVolume(v.Name).remove({ force: true }).catch(ignoreMissing);
        result.volumes++;
      }
    }
  } catch (error) {
    throw mapDockerError(error, `removing the replica '${project}'`);
  }
  return result;
}

/** Removes every container of the project, running or not (a crashed or cancelled `up` included). */
export async function removeProjectContainers(containers: ContainerPort, project: string): Promise<number> {
  const found = await containers.list({ [LABEL_PROJECT]: project });
  await Promise.all(found.map((c) => containers.remove(c.id, { force: true }).catch(ignoreMissing)));
  return found.length;
}

function ignoreMissing(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 404) throw error;
}
