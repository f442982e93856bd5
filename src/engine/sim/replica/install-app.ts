import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { containerName, execIn } from '../docker/containers';
import type { ReplicaPlan } from '../plan/replica-plan';
import { CODE_DIR } from './node-specs';
import { REPLICA_ADMIN, REPLICA_LOAD_ACCOUNTS } from '../moodle/moodle-login';
import { NODE_CONFIGURE_MUC } from '../moodle/node-config';
import { appCacheEnv } from '../deploy/hook-scripts';

/** Where the CLI scripts live in a node: 5.1+ keeps them under public/. */
export function cliDir(plan: ReplicaPlan): string {
  return plan.app.kind === 'moodle' && plan.app.publicDir ? `${CODE_DIR}/public/admin/cli` : `${CODE_DIR}/admin/cli`;
}

/**
 * The drills' virtual users (REPLICA_LOAD_ACCOUNTS), made through Moodle's own user_create_user (manual
 * auth, confirmed, the password hashed as Moodle hashes it). An account already there is left alone, so
 * running it on a kept install is harmless.
 */
function createLoadAccountsPhp(): string {
  const accounts = JSON.stringify(REPLICA_LOAD_ACCOUNTS);
  return [
    "define('CLI_SCRIPT', true);",
    `require '${CODE_DIR}/config.php';`,
    "require_once($CFG->dirroot . '/user/lib.php');",
    `foreach (json_decode('${accounts}') as $i => $a) {`,
    "  if ($DB->record_exists('user', ['username' => $a->username, 'mnethostid' => $CFG->mnet_localhost_id])) { continue; }",
    "  user_create_user((object)['username' => $a->username, 'password' => $a->password, 'auth' => 'manual', 'confirmed' => 1,",
    "    'mnethostid' => $CFG->mnet_localhost_id, 'firstname' => 'Load', 'lastname' => 'User ' . ($i + 1), 'email' => $a->username . '@example.invalid'], true, false);",
    '}',
  ].join('\n');
}

/**
 * The commands `installApp` runs as www-data, in order. For Moodle, the encryption key is made once here:
 * left to first use, two nodes racing on the shared dataroot make one request fail with "Key already
 * exists" (seen on the first logins of a fresh Moodle 5.0 replica). generate_key.php is idempotent.
 * Then the virtual users' accounts.
 */
export function installCommands(plan: ReplicaPlan): string[][] {
  if (plan.app.kind !== 'moodle') return [['php', `${cliDir(plan)}/install_database.php`, '--agree-license', `--adminpass=${REPLICA_ADMIN.password}`]];
  return [
    ['php', `${cliDir(plan)}/install_database.php`, '--agree-license', `--adminuser=${REPLICA_ADMIN.username}`, `--adminpass=${REPLICA_ADMIN.password}`,
      `--adminemail=${REPLICA_ADMIN.email}`, '--fullname=Moodle HA replica', '--shortname=replica'],
    ['php', `${cliDir(plan)}/generate_key.php`],
    ['php', '-r', createLoadAccountsPhp()],
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
      throw new MhaError(plan.app.kind === 'moodle' ? 'sim.moodle' : 'sim.readiness', `${command[1] === '-r' ? 'Making the load users' : command[1].split('/').pop()} on ${node} failed:\n${result.output.trim().split('\n').slice(-15).join('\n')}`, {
        nextStep: "Look at 'moodle-ha sim logs db'; a failed Moodle install can be retried after 'moodle-ha sim down' (without --keep-data).",
      });
    }
  }
}

/**
 * Maps Moodle's application cache to its Redis with the bundle's own ops/configure-muc.php, as
 * ops/install.sh does on EC2 after the first install. Run on every start (it is idempotent): a warm
 * start's moodledata comes from a seed saved before this step, so it never names another replica's address.
 */
export async function configureAppCache(docker: Docker, plan: ReplicaPlan, prefix: string, node: string, signal?: AbortSignal): Promise<string | undefined> {
  if (!plan.appCache) return undefined;
  const container = docker.getContainer(containerName(plan.project, node));
  const result = await execIn(container, ['php', NODE_CONFIGURE_MUC, CODE_DIR], appCacheEnv(plan, prefix), 'www-data', signal);
  if (result.exitCode !== 0) {
    throw new MhaError(plan.app.kind === 'moodle' ? 'sim.moodle' : 'sim.readiness', `ops/configure-muc.php on ${node} failed (exit ${result.exitCode}):\n${result.output.trim().split('\n').slice(-15).join('\n')}`, {
      nextStep: "The bundle's configure-muc.php could not map Moodle's application cache to Redis; on AWS ops/install.sh would fail the same way. Look at 'moodle-ha sim logs app-cache'.",
    });
  }
  return result.output.trim();
}
