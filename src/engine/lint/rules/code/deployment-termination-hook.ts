import { asBoolean, at } from '../../../template/nodes';
import { defineRule } from '../../rule';

export const deploymentTerminationHook = defineRule({
  id: 'MHA5006',
  name: 'deployment-termination-hook',
  category: 'code',
  defaultSeverity: 'info',
  description: 'The CodeDeploy group on the web tier sets TerminationHookEnabled, so scale-in runs ApplicationStop (cron stopped, running jobs finished) before a node goes.',
  check({ model, topology, report }) {
    const code = topology.code;
    if (!topology.webTier.found || !code.found || !code.deploymentGroupPath || code.deploymentGroupTargetsWebTier !== true) return;
    if (asBoolean(at(model.get(code.deploymentGroupPath), ['Properties', 'TerminationHookEnabled'])) === true) return;
    report({
      path: code.deploymentGroupPath, atKey: true,
      message: `Deployment group ${code.deploymentGroupId} has no TerminationHookEnabled: true, so scale-in terminates web servers without running ApplicationStop, in the middle of a cron task or a request. Set TerminationHookEnabled: true.`,
    });
  },
});
