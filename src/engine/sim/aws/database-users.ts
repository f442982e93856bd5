import type Docker from 'dockerode';
import { containerName, execIn } from '../docker/containers';
import type { ReplicaState } from '../replica/replica-state';
import type { DatabaseUsers } from './secrets-manager';

/**
 * Password changes inside the replica's database container, as the rotation function's setSecret
 * step does. The new password travels in the exec's environment, never on a command line; a user
 * the replica lacks (the master, whose secret RDS manages) is created with full rights first.
 */
export function replicaDatabaseUsers(docker: Docker, state: ReplicaState): DatabaseUsers {
  const container = docker.getContainer(containerName(state.project, 'db'));
  const postgres = state.plan.database.family === 'postgres';
  return {
    async setPassword(username, password) {
      if (!/^[a-z][a-z0-9_]{0,31}$/.test(username)) throw new Error(`unusable database user name '${username}'`);
      const script = postgres
        ? `su postgres -c "psql -v ON_ERROR_STOP=1 -q -v pw=\\"\\$MHA_NEW_PASS\\"" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER', '${username}') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${username}') \\gexec
ALTER ROLE "${username}" PASSWORD :'pw';
SQL`
        : `mariadb -e "CREATE USER IF NOT EXISTS '${username}'@'%' IDENTIFIED BY '$MHA_NEW_PASS'; ALTER USER '${username}'@'%' IDENTIFIED BY '$MHA_NEW_PASS'; ${username === 'moodle' ? '' : `GRANT ALL ON *.* TO '${username}'@'%' WITH GRANT OPTION;`} FLUSH PRIVILEGES;"`;
      const r = await execIn(container, ['sh', '-c', script], { MHA_NEW_PASS: password });
      if (r.exitCode !== 0) throw new Error(`changing the password of '${username}' failed: ${r.output.replaceAll(password, '***').trim().split('\n').slice(-2).join(' | ')}`);
    },
  };
}
