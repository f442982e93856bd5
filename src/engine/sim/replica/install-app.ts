import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { containerName, execIn } from '../docker/containers';
import type { ReplicaPlan } from '../plan/replica-plan';
import { CODE_DIR } from './node-specs';
import { REPLICA_ADMIN } from '../moodle/moodle-login';

/** Where the CLI scripts live in a node: 5.1+ keeps them under public/. */
export function cliDir(plan: ReplicaPlan): string {
  return plan.app.kind === 'moodle' && plan.app.publicDir ? `${CODE_DIR}/public/admin/cli` : `${CODE_DIR}/admin/cli`;
}

/**
 * The commands `installApp` runs as www-data, in order. For Moodle, the encryption key is made once here:
 * left to first use, two nodes racing on the shared dataroot make one request fail with "Key already
 * exists" (seen on the first logins of a fresh Moodle 5.0 replica). generate_key.php is idempotent.
 */
export function installCommands(plan: ReplicaPlan): string[][] {
  if (plan.app.kind !== 'moodle') return [['php', `${cliDir(plan)}/install_database.php`, '--agree-license', `--adminpass=${REPLICA_ADMIN.password}`]];
  return [
    ['php', `${cliDir(plan)}/install_database.php`, '--agree-license', `--adminuser=${REPLICA_ADMIN.username}`, `--adminpass=${REPLICA_ADMIN.password}`,
      `--adminemail=${REPLICA_ADMIN.email}`, '--fullname=Moodle HA replica', '--shortname=replica'],
    ['php', `${cliDir(plan)}/generate_key.php`],
  ];
}

/**
 * First start: the database is installed once, from one node, by the same CLI installer Moodle has
 * (the probe mimics admin/cli/install_database.php). A second `up` on kept data finds it installed.
 */
export async function installApp(docker: Docker, plan: ReplicaPlan, project: string, node: string, signal?: AbortSignal): Promise<void> {
  const container = docker.getContainer(containerName(project, node));
  if (plan.app.kind === 'moodle') {
    const copy = await execIn(container, ['sh', '-c', 'chown -R www-data:www-data /mnt/moodledata'], {}, undefined, signal);
    if (copy.exitCode !== 0) throw new MhaError('sim.moodle', `Cannot prepare moodledata: ${copy.output}`);
  }
  for (const command of installCommands(plan)) {
    const result = await execIn(container, command, {}, 'www-data', signal);
    if (result.exitCode !== 0 && !/already (present|installed)|tables already/i.test(result.output)) {
      throw new MhaError(plan.app.kind === 'moodle' ? 'sim.moodle' : 'sim.readiness', `${command[1].split('/').pop()} on ${node} failed:\n${result.output.trim().split('\n').slice(-15).join('\n')}`, {
        nextStep: "Look at 'moodle-ha sim logs db'; a failed Moodle install can be retried after 'moodle-ha sim down' (without --keep-data).",
      });
    }
  }
}
