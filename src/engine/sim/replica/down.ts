import type Docker from 'dockerode';
import { projectFilter } from '../docker/labels';
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
    const containers = await docker.listContainers({ all: true, filters });
    await Promise.all(containers.map(async (c) => {
      await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing);
      result.containers++;
    }));
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

function ignoreMissing(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 404) throw error;
}
