import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { CancelledError, isCancellation } from '../../../src/engine/common/cancellation';
import { copyDirInto, execIn } from '../../../src/engine/sim/docker/containers';
import { checkDocker, createDockerClient } from '../../../src/engine/sim/docker/docker-client';
import { LABEL_PROJECT } from '../../../src/engine/sim/docker/labels';
import { installApp } from '../../../src/engine/sim/replica/install-app';
import type { ReplicaPlan } from '../../../src/engine/sim/plan/replica-plan';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-cancel`;
const IMAGE = 'debian:bookworm-slim';

/** Resolves once no process whose command line contains `marker` is left (the kill is asynchronous). */
async function noProcessWith(marker: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    if (!ps.split('\n').some((line) => line.includes(marker) && !line.includes('ps -eo'))) return true;
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50)); // polling the process table, not waiting for a result
  }
  return false;
}

describe(`sim: cancellation reaches docker exec, the Moodle install and the tar copy mid-flight (needs Docker Engine and ${IMAGE})`, function () {
  this.timeout(120_000);
  const docker = createDockerClient();
  let container: Docker.Container;

  before(async () => {
    await checkDocker(docker);
    container = await docker.createContainer({ Image: IMAGE, Cmd: ['sleep', '600'], name: `${PROJECT}-node`, Labels: { [LABEL_PROJECT]: PROJECT } });
    await container.start();
  });
  after(async () => { await container?.remove({ force: true }).catch(() => undefined); });

  /** The container, with its next exec's start() calling `onRunning` once the command runs in it. */
  function whenExecRuns(onRunning: (exec: Docker.Exec) => void): Docker.Container {
    const spy = Object.create(container) as Docker.Container;
    spy.exec = (async (options: Docker.ExecCreateOptions) => {
      const exec = await container.exec(options);
      const start = exec.start.bind(exec);
      exec.start = (async (opts: Docker.ExecStartOptions) => { const stream = await start(opts); setImmediate(() => onRunning(exec)); return stream; }) as typeof exec.start;
      return exec;
    }) as typeof container.exec;
    return spy;
  }

  it('execIn: aborting while `sleep 60` runs rejects with CancelledError at once, the command still running', async () => {
    const controller = new AbortController();
    let running: Docker.Exec | undefined;
    const spy = whenExecRuns((exec) => { running = exec; controller.abort(); });
    await assert.rejects(execIn(spy, ['sleep', '60'], {}, undefined, controller.signal), (e: unknown) => e instanceof CancelledError);
    assert.ok(running, 'the exec never started');
    // Returned mid-flight: Docker still reports the command as running (it ends with the container).
    assert.equal((await running.inspect()).Running, true);
  });

  it('installApp: a cancel while its command runs ends the install as cancelled, not run on to the failure of that command', async () => {
    const controller = new AbortController();
    const plan = { project: PROJECT, app: { kind: 'probe' } } as unknown as ReplicaPlan;
    const fakeDocker = { getContainer: () => whenExecRuns(() => controller.abort()) } as unknown as Docker;
    // The probe's install command is `php …/install_database.php`; debian-slim has no php, so an
    // install that ran to the end would fail with "exit 127", not be cancelled.
    await assert.rejects(installApp(fakeDocker, plan, PROJECT, 'node', controller.signal), (e: unknown) => isCancellation(e));
  });

  it('copyDirInto: aborting mid-upload kills tar and ends with CancelledError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-tar-cancel-'));
    try {
      // 2 GB of sparse zeros: tar reads them all, far longer than the test takes to abort.
      fs.closeSync(fs.openSync(path.join(dir, 'big.bin'), 'w'));
      fs.truncateSync(path.join(dir, 'big.bin'), 2 * 1024 ** 3);
      const controller = new AbortController();
      const spy = Object.create(container) as Docker.Container;
      spy.putArchive = ((file: NodeJS.ReadableStream, options: object) => {
        file.once('data', () => controller.abort()); // bytes are flowing: the copy is under way
        return container.putArchive(file, options);
      }) as typeof container.putArchive;
      await assert.rejects(copyDirInto(spy, dir, '/tmp', controller.signal), (e: unknown) => e instanceof CancelledError);
      assert.ok(await noProcessWith(dir), `tar -C ${dir} still runs after the cancel`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
