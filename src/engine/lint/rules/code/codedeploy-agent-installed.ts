import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

export const codeDeployAgentInstalled = defineRule({
  id: 'MHA5002',
  name: 'codedeploy-agent-installed',
  category: 'code',
  defaultSeverity: 'error',
  description: 'When CodeDeploy deploys to the web tier, the user data installs the CodeDeploy agent; without it every deployment times out.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const code = topology.code;
    const local = code.found && code.deploymentGroupId && code.deploymentGroupTargetsWebTier === true ? code.deploymentGroupId : undefined;
    const group = local ?? (web?.deployedFromStack ? `in ${web.deployedFromStack}` : undefined);
    if (!web || !group) return;
    if (web.codeDeployAgentInstalled !== false) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `Deployment group ${group} deploys to ${web.asgLogicalId}, but the user data never installs the CodeDeploy agent: deployments hang and new nodes stay without code. Install it at boot: \`wget https://aws-codedeploy-\${AWS::Region}.s3.\${AWS::Region}.amazonaws.com/latest/install && chmod +x install && ./install auto\`.`,
    });
  },
});
