import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

export const databaseNotOnWebServers = defineRule({
  id: 'MHA3001',
  name: 'database-not-on-web-servers',
  category: 'database',
  defaultSeverity: 'error',
  description: 'The database runs apart from the web nodes (RDS or Aurora), never on the instances the Auto Scaling group replaces.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web?.installedDatabasePackage) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `The web tier's user data installs ${web.installedDatabasePackage}: every node would get its own empty database, and scaling in deletes data. Remove it and use Amazon RDS Multi-AZ or Aurora (MySQL or PostgreSQL) shared by all nodes.`,
    });
  },
});
