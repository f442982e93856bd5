import { at } from '../../../template/nodes';
import { asBoolean } from '../../../template/nodes';
import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const webTierSignalsBoot = defineRule({
  id: 'MHA1009',
  name: 'web-tier-signals-boot',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'The web tier signals CloudFormation when a node has booted (CreationPolicy + cfn-signal, WaitOnResourceSignals on rolling updates), so a boot that fails fails the stack instead of going green.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web) return;
    const asg = asgPathOf(web);
    const signals = /cfn-signal/.test([web.userData, web.bootstrapMetadata].filter(Boolean).join('\n'));
    const creationPolicy = at(model.get(asg), ['CreationPolicy', 'ResourceSignal']);
    if (!creationPolicy || !signals) {
      report({
        path: asg, atKey: true,
        message: `Auto Scaling group ${web.asgLogicalId} ${!creationPolicy ? 'has no CreationPolicy with a ResourceSignal' : 'waits for signals its user data never sends'}: CloudFormation reports the stack created while every node may have failed its boot (a package mirror down, a PECL release gone). Add CreationPolicy: {ResourceSignal: {Count: <MinSize>, Timeout: PT20M}} and end the user data with \`/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource ${web.asgLogicalId} --region \${AWS::Region}\` (trap ERR to signal failure).`,
      });
      return;
    }
    const rolling = at(model.get(asg), ['UpdatePolicy', 'AutoScalingRollingUpdate']);
    if (rolling && asBoolean(at(rolling, ['WaitOnResourceSignals'])) !== true) {
      report({
        path: [...asg, 'UpdatePolicy', 'AutoScalingRollingUpdate'], atKey: true,
        message: `The rolling update of ${web.asgLogicalId} does not wait for the new nodes' signals: it moves on after PauseTime whether they booted or not, and can replace the whole fleet with broken nodes. Set WaitOnResourceSignals: true (with PauseTime as the signal timeout).`,
      });
    }
  },
});
