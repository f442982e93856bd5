import { defineRule } from '../../rule';

export const auroraTwoInstances = defineRule({
  id: 'MHA3003',
  name: 'aurora-two-instances',
  category: 'database',
  defaultSeverity: 'error',
  description: 'An Aurora cluster has a writer and at least one reader in another AZ; one instance is not highly available.',
  check({ topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind !== 'aurora' || !db.path) return;
    if (db.serverlessV1) {
      report({
        path: [...db.path, 'Properties', 'EngineMode'],
        message: `Cluster ${db.logicalIds[0]} is Aurora Serverless v1, which runs in one AZ and is end-of-life. Use a provisioned cluster (Serverless v2 instances are fine) with two AWS::RDS::DBInstance in different AZs.`,
      });
      return;
    }
    if (db.instanceCount >= 2) return;
    report({
      path: db.path, atKey: true,
      message: `Aurora cluster ${db.logicalIds[0]} has ${db.instanceCount} DB instance${db.instanceCount === 1 ? '' : 's'}: with one writer and no reader, failover means creating a new instance (10+ minutes of Moodle downtime). Add a second AWS::RDS::DBInstance with DBClusterIdentifier: !Ref ${db.logicalIds[0]} in another AZ.`,
    });
  },
});
