import { codeDeployAgentInstalled } from '../../../../../../src/engine/lint/rules/code/codedeploy-agent-installed';
import { codeIdenticalOnNodes } from '../../../../../../src/engine/lint/rules/code/code-identical-on-nodes';
import { hooksLeaveDatabaseAlone } from '../../../../../../src/engine/lint/rules/code/hooks-leave-database-alone';
import type { RuleTable } from '../rule-table';
import { AGENT, ASG, CODE_DEPLOY, stack, without } from './snippets';

const withAgent = ['#!/bin/bash', ...AGENT];

export const codeTables: RuleTable[] = [
  {
    rule: codeIdenticalOnNodes,
    valid: [
      { name: 'deployment group on the ASG', template: stack({ resources: CODE_DEPLOY, userData: withAgent }) },
      { name: 'user data fetches a versioned bundle', template: stack({ userData: ['#!/bin/bash', 'aws s3 cp s3://moodle-code/moodle-4.5.3.zip /tmp/ && unzip /tmp/moodle-4.5.3.zip -d /var/www'] }) },
      { name: 'user data clones a release tag', template: stack({ userData: ['#!/bin/bash', 'git clone --depth 1 --branch v4.5.3 https://github.com/moodle/moodle.git /var/www/moodle'] }) },
    ],
    invalid: [
      { name: 'nothing deploys code', template: stack(), line: '  Web:', message: /Nothing deploys the Moodle code.*AWS::CodeDeploy::DeploymentGroup/ },
      { name: 'deployment group on another group', template: stack({ resources: without(CODE_DEPLOY, 'AutoScalingGroups', '      AutoScalingGroups: [other-asg]'), userData: withAgent }), line: '  Dg:', message: /does not target Auto Scaling group Web/ },
      { name: 'git clone of a moving branch', template: stack({ userData: ['#!/bin/bash', 'git clone https://github.com/moodle/moodle.git /var/www/moodle'] }), line: '  Web:', message: /Nothing deploys/ },
    ],
  },
  {
    rule: codeDeployAgentInstalled,
    valid: [
      { name: 'agent installed', template: stack({ resources: CODE_DEPLOY, userData: withAgent }) },
      { name: 'no deployment group', template: stack() },
      { name: 'agent via package manager', template: stack({ resources: CODE_DEPLOY, userData: ['#!/bin/bash', 'dnf install -y codedeploy-agent'] }) },
    ],
    invalid: [{ name: 'no agent', template: stack({ resources: CODE_DEPLOY }), line: 'UserData', message: /never installs the CodeDeploy agent/ }],
  },
  {
    rule: hooksLeaveDatabaseAlone,
    valid: [
      { name: 'the boot only checks the database (--is-pending)', template: stack({ userData: ['#!/bin/bash', 'sudo -u apache php /var/www/moodle/admin/cli/upgrade.php --is-pending || echo pending'] }) },
      { name: 'a commented-out install and a message naming it', template: stack({ userData: ['#!/bin/bash', '# php admin/cli/install_database.php --agree-license', 'echo "run admin/cli/install_database.php once by hand"'] }) },
      { name: 'one server only: installing at boot has nobody to race', template: stack({ asg: without(ASG, "MaxSize: '4'", "      MaxSize: '1'"), userData: ['#!/bin/bash', 'php /var/www/moodle/admin/cli/install_database.php --agree-license --adminpass="$PASS"'] }) },
    ],
    invalid: [
      { name: 'the boot installs the database on every server', template: stack({ userData: ['#!/bin/bash', 'php /var/www/moodle/admin/cli/install_database.php --agree-license --adminpass="$PASS"'] }), line: 'UserData', message: /boot script installs Moodle's database on every server the Auto Scaling group starts \(up to 4\): servers booting together race/ },
      { name: 'the boot runs the non-interactive installer', template: stack({ userData: ['#!/bin/bash', 'php /var/www/moodle/admin/cli/install.php --non-interactive --agree-license'] }), line: 'UserData', message: /installs Moodle's database/ },
      { name: 'the boot upgrades the database', template: stack({ userData: ['#!/bin/bash', 'sudo -u apache php /var/www/moodle/admin/cli/upgrade.php --non-interactive'] }), line: 'UserData', message: /runs Moodle's database upgrade on every server.*half-upgraded/ },
    ],
  },
];
