import { haResourcesTagged } from '../../../../../../src/engine/lint/rules/tags/ha-resources-tagged';
import type { RuleTable } from '../rule-table';
import { ASG, EFS, stack } from './snippets';

const ASG_TAGS = ['      Tags:', '        - Key: project', '          Value: moodle', '          PropagateAtLaunch: true', '        - Key: Environment', '          Value: prod', '          PropagateAtLaunch: true'];

export const tagTables: RuleTable[] = [
  {
    rule: haResourcesTagged,
    valid: [
      { name: 'ASG tagged (keys in any case)', template: stack({ asg: [...ASG, ...ASG_TAGS] }) },
      { name: 'no HA resources', template: stack({ noWebTier: true, resources: ['  Bucket:', '    Type: AWS::S3::Bucket'] }) },
    ],
    invalid: [
      { name: 'ASG without tags', template: stack(), line: '  Web:', message: /Web has no project or environment tag/, fixable: true },
      { name: 'EFS missing environment', template: stack({ asg: [...ASG, ...ASG_TAGS], resources: [...EFS.slice(0, 8), '      FileSystemTags:', '        - Key: project', '          Value: moodle'] }), line: 'FileSystemTags', message: /Fs has no environment tag/, fixable: true },
      { name: 'flow-style tag list: reported, no fix', template: stack({ asg: [...ASG, '      Tags: [{Key: project, Value: moodle, PropagateAtLaunch: true}]'] }), line: 'Tags:', message: /Web has no environment tag/, fixable: false },
    ],
  },
];
