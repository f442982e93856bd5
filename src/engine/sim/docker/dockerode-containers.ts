import type Docker from 'dockerode';
import type { ContainerPort, ContainerStatus } from './container-port';
import { containerName, copyDirInto, demux, execIn, type NodeSpec } from './containers';
import { LABEL_IP, LABEL_NODE, LABEL_PROJECT, LABEL_ROLE, LABEL_SESSION } from './labels';
import { tarFiles } from './tar';

/** The container port over a real Docker Engine (dockerode). */
export function dockerodeContainers(docker: Docker): ContainerPort {
  return {
    async create(spec, signal) {
      const container = await docker.createContainer(createOptions(spec));
      if (spec.copyDir) await copyDirInto(container, spec.copyDir.from, spec.copyDir.to, signal);
      if (spec.files?.length) await container.putArchive(tarFiles(spec.files.map((f) => ({ ...f, name: f.name.replace(/^\//, '') }))), { path: '/' });
      return container.id;
    },
    async start(id) { await docker.getContainer(id).start(); },
    async inspect(id) {
      const info = await docker.getContainer(id).inspect();
      return {
        id: info.Id, name: info.Name.replace(/^\//, ''), running: info.State.Running, status: info.State.Status,
        health: info.State.Health?.Status, labels: info.Config.Labels ?? {},
      };
    },
    exec: (id, cmd, options = {}) => execIn(docker.getContainer(id), cmd, options.env, options.user, options.signal),
    async logs(id, tail) {
      const buffer = (await docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: false })) as unknown as Buffer;
      return demux(buffer);
    },
    async list(labels) {
      const found = await docker.listContainers({ all: true, filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) } });
      return found.map((c): ContainerStatus => ({
        id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), running: c.State === 'running', status: c.State, labels: c.Labels ?? {},
      }));
    },
    async remove(id, options = {}) { await docker.getContainer(id).remove({ force: options.force ?? false, v: true }); },
  };
}

function createOptions(spec: NodeSpec): Docker.ContainerCreateOptions {
  return {
    name: containerName(spec.project, spec.node),
    Hostname: spec.node,
    Image: spec.image,
    Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: {
      [LABEL_PROJECT]: spec.project, [LABEL_ROLE]: spec.role, [LABEL_SESSION]: spec.session,
      [LABEL_NODE]: spec.node, [LABEL_IP]: spec.ip, ...spec.extraLabels,
    },
    ExposedPorts: spec.publish ? { '80/tcp': {} } : undefined,
    Healthcheck: { Test: ['CMD-SHELL', spec.health], Interval: 1e9, Timeout: 3e9, Retries: 2, StartPeriod: 180e9 },
    HostConfig: {
      Binds: Object.entries(spec.volumes ?? {}).map(([volume, mount]) => `${volume}:${mount}`),
      PortBindings: spec.publish ? { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(spec.publish) }] } : undefined,
      RestartPolicy: { Name: 'no' },
      Init: spec.role !== 'web',
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { IPAMConfig: { IPv4Address: spec.ip }, Aliases: [spec.node] } } },
  };
}
