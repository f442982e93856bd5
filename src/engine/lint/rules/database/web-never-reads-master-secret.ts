import { asBoolean, at } from '../../../template/nodes';
import { refTarget } from '../../../topology/references';
import { resolvedUserData, statementsForRoles, webRoleIds } from '../../../topology/facts/template-facts';
import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

const READS_SECRETS = /^(secretsmanager:(GetSecretValue|\*)|\*)$/i;

export const webNeverReadsMasterSecret = defineRule({
  id: 'MHA3008',
  name: 'web-never-reads-master-secret',
  category: 'database',
  defaultSeverity: 'error',
  description: "Moodle connects as its own database user: the web servers never read the RDS-managed master secret, which RDS rotates every 7 days (the copy in config.php goes stale) and which makes any PHP exploit a database admin.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const db = topology.database;
    if (!web || !db.found || !db.path) return;
    const dbResource = model.get(db.path);
    const dbId = String(db.path[db.path.length - 1]);
    const managed = asBoolean(at(dbResource, ['Properties', 'ManageMasterUserPassword'])) === true;
    const passwordParameter = refTarget(at(dbResource, ['Properties', 'MasterUserPassword']));
    const roles = webRoleIds(model, web);
    if (managed) {
      for (const { path, statement } of statementsForRoles(model, roles)) {
        if (statement.Effect !== 'Allow') continue;
        const actions = ([] as unknown[]).concat(statement.Action ?? []).map(String);
        if (!actions.some((a) => READS_SECRETS.test(a))) continue;
        const resources = JSON.stringify(statement.Resource ?? '');
        const master = resources.includes('MasterUserSecret') && resources.includes(dbId);
        if (!master) continue;
        report({
          path, message: `The web servers' role may read ${dbId}'s RDS-managed master secret. RDS rotates that secret every 7 days by default, so a password copied into config.php at deploy time stops working within a week, and any PHP exploit gets the database's admin. Give Moodle its own database user with its own secret (AWS::SecretsManager::Secret with GenerateSecretString, no rotation or alternating-user rotation), create the user from a job the web servers are not (e.g. a CodeBuild project in the VPC), and let the web role read only that secret.`,
        });
        return;
      }
    }
    const script = resolvedUserData(model, web) ?? '';
    const usesMaster = (managed && script.includes(`\${${dbId}.MasterUserSecret`)) || (passwordParameter !== undefined && script.includes(`\${${passwordParameter}}`));
    if (!usesMaster) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `The user data hands Moodle ${dbId}'s master credentials (${passwordParameter && script.includes(`\${${passwordParameter}}`) ? `parameter ${passwordParameter}` : 'its managed master secret'}). Moodle should connect as its own least-privilege database user, whose secret survives the master's rotation; create that user once from a job that alone reads the master secret.`,
    });
  },
});
