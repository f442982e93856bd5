import { asBoolean, at, isSeq, asString } from '../../../template/nodes';
import { defineRule } from '../../rule';

export const deployNeverAutoRollsBack = defineRule({
  id: 'MHA5005',
  name: 'deploy-never-auto-rolls-back',
  category: 'code',
  defaultSeverity: 'warning',
  description: "A CodeDeploy group on the Moodle web tier does not roll back automatically on failure: after an upgrade the old code meets a newer schema, and Moodle refuses to run older code than its database.",
  check({ model, topology, report }) {
    const code = topology.code;
    if (!topology.webTier.found || !code.found || !code.deploymentGroupPath || code.deploymentGroupTargetsWebTier !== true) return;
    const config = model.get([...code.deploymentGroupPath, 'Properties', 'AutoRollbackConfiguration']);
    if (!config || asBoolean(at(config, ['Enabled'])) !== true) return;
    const events = at(config, ['Events']);
    const onFailure = isSeq(events) ? events.items.some((e) => asString(e) === 'DEPLOYMENT_FAILURE') : false;
    if (!onFailure) return;
    report({
      path: [...code.deploymentGroupPath, 'Properties', 'AutoRollbackConfiguration'], atKey: true,
      message: `Deployment group ${code.deploymentGroupId} redeploys the last good revision when a deployment fails. For a Moodle version change that revision is older than the (already upgraded) database, Moodle refuses it (upgrade.php: downgradedcore), and the rollback fails the same way on every node. Turn AutoRollbackConfiguration off, make a failed deploy a stop, and run version upgrades as an explicit operation (snapshot, maintenance across the fleet, upgrade, purge) or blue/green.`,
    });
  },
});
