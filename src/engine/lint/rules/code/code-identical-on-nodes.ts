import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const codeIdenticalOnNodes = defineRule({
  id: 'MHA5001',
  name: 'code-identical-on-nodes',
  category: 'code',
  defaultSeverity: 'warning',
  description: 'Every web node runs the same Moodle code: a CodeDeploy deployment group on the Auto Scaling group, or user data that installs one fixed, versioned bundle.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    // A deployment group in another template of the stack (wired through the parent) counts as well.
    if (!web || web.fetchesVersionedBundle || web.deployedFromStack) return;
    const code = topology.code;
    if (code.found && code.deploymentGroupTargetsWebTier !== false) return;
    // A pipeline elsewhere in the stack whose wiring we could not follow: not knowable, so not reported.
    if (!code.found && topology.elsewhere?.code) return;
    if (code.found && code.deploymentGroupId) {
      report({
        path: code.deploymentGroupPath ?? asgPathOf(web), atKey: true,
        message: `Deployment group ${code.deploymentGroupId} does not target Auto Scaling group ${web.asgLogicalId}: nodes the group launches get no code. Set AutoScalingGroups: [!Ref ${web.asgLogicalId}].`,
      });
      return;
    }
    report({
      path: asgPathOf(web), atKey: true,
      message: `Nothing deploys the Moodle code to the nodes of ${web.asgLogicalId} identically. Add an AWS::CodeDeploy::DeploymentGroup with AutoScalingGroups: [!Ref ${web.asgLogicalId}], or have the user data download one versioned bundle (an S3 object or a release tag), so new nodes never run different code.`,
    });
  },
});
