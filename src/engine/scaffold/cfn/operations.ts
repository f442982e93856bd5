import { Ref, Sub, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/** Where the bundle installs its operation scripts on every node (root-owned, local disk). */
export const OPS_DIR = '/opt/moodle-ha/ops';

/**
 * Install and upgrade are explicit operations, never side effects of a deploy: SSM documents that
 * run the bundle's scripts on ONE instance (`aws ssm send-command --instance-ids <one>`). The
 * first administrator's password is generated here and read by install.sh from Secrets Manager,
 * never written to disk or put on a command line.
 */
export function operationsSection(_ctx: BuildContext): Section {
  const resources: Record<string, CfnValue> = {
    AdminPasswordSecret: {
      '//': 'Operations: the first administrator (read by the install operation only), and the install/upgrade jobs.',
      Type: 'AWS::SecretsManager::Secret', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
      Properties: {
        Description: Sub("${AWS::StackName}: Moodle's first administrator (username admin)"),
        GenerateSecretString: { SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password', PasswordLength: 24, ExcludeCharacters: '"\'\\`$' },
        Tags: tags('admin'),
      },
    },
    InstallDocument: document('First install of the Moodle database (resumable; refuses a database that is already installed).', 'install.sh', 'install'),
    UpgradeDocument: document('Moodle upgrade: DB snapshot, maintenance on, upgrade, purge caches, maintenance off (resumable).', 'upgrade.sh', 'upgrade'),
  };
  return {
    resources,
    outputs: {
      AdminPasswordSecretArn: output("The first administrator's generated password (aws secretsmanager get-secret-value).", Ref('AdminPasswordSecret')),
      InstallDocumentName: output('Run on one web server for the first install (moodle-ha site install).', Ref('InstallDocument')),
      UpgradeDocumentName: output('Run on one web server after deploying a new Moodle version (moodle-ha site upgrade).', Ref('UpgradeDocument')),
    },
  };
}

function document(description: string, script: string, name: string): CfnValue {
  return {
    Type: 'AWS::SSM::Document',
    Properties: {
      DocumentType: 'Command',
      DocumentFormat: 'YAML',
      Content: {
        schemaVersion: '2.2',
        description,
        mainSteps: [{
          action: 'aws:runShellScript', name,
          inputs: { runCommand: [`set -euo pipefail`, `${OPS_DIR}/${script}`], timeoutSeconds: '7200' },
        }],
      },
      Tags: tags(`ops-${name}`),
    },
  };
}
