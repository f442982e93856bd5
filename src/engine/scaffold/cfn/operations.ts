import { Ref, Sub, type CfnValue } from './intrinsics';
import { CODE_DIR } from './node-paths';
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
    InstallDocument: document('First install of the Moodle database (resumable; refuses a database that is already installed).', 'install', {
      parameters: { ResetPartial: RESET_PARTIAL },
      // SSM substitutes {{ResetPartial}} as text; allowedValues keeps it to yes|no, so nothing else reaches the shell.
      runCommand: ['set -euo pipefail', `if [ "{{ResetPartial}}" = yes ]; then exec ${OPS_DIR}/install.sh --reset-partial; fi`, `exec ${OPS_DIR}/install.sh`],
    }),
    UpgradeDocument: document('Moodle upgrade: DB snapshot, maintenance on, upgrade, purge caches, maintenance off (resumable).', 'upgrade', {
      runCommand: ['set -euo pipefail', `exec ${OPS_DIR}/upgrade.sh`],
    }),
    MigrateRestoreDocument: document('Restore a site migrated with moodle-ha migrate cutover from the artifact bucket: database, moodledata (as the web user), verified against its manifest (resumable).', 'migrate-restore', {
      parameters: { Prefix: MIGRATE_PREFIX },
      // The bucket and the account are the stack's own: the document cannot be pointed at another account's bucket.
      runCommand: ['set -euo pipefail', Sub(`exec ${OPS_DIR}/migrate-restore.sh --bucket \${ArtifactBucket} --prefix "{{Prefix}}" --account \${AWS::AccountId}`)],
    }),
    CodeVersionDocument: document("Prints the Moodle code version and the CodeDeploy deployment on this web server (read-only; moodle-ha site upgrade asks every node first).", 'code-version', {
      runCommand: CODE_VERSION_SCRIPT, timeoutSeconds: '60',
    }),
  };
  return {
    resources,
    outputs: {
      AdminPasswordSecretArn: output("The first administrator's generated password (aws secretsmanager get-secret-value).", Ref('AdminPasswordSecret')),
      InstallDocumentName: output('Run on one web server for the first install (moodle-ha site install).', Ref('InstallDocument')),
      UpgradeDocumentName: output('Run on one web server after deploying a new Moodle version (moodle-ha site upgrade).', Ref('UpgradeDocument')),
      MigrateRestoreDocumentName: output('Run on one web server to restore a migrated site from S3 (moodle-ha migrate cutover).', Ref('MigrateRestoreDocument')),
      CodeVersionDocumentName: output('Run on every web server to see which code it runs (moodle-ha site upgrade does, before upgrading).', Ref('CodeVersionDocument')),
    },
  };
}

/** What `moodle-ha site install --reset-partial` sends (src/engine/deploy/ops/site-operation.ts). */
const RESET_PARTIAL: CfnValue = {
  type: 'String', default: 'no', allowedValues: ['no', 'yes'],
  description: 'yes: drop the tables of a half-finished first install, then install (refused on a finished site).',
};

/** Where moodle-ha migrate cutover uploads a site in the artifact bucket; SSM checks it before the shell sees it. */
export const MIGRATE_PREFIX: CfnValue = {
  type: 'String', allowedPattern: '^migrate/[A-Za-z0-9_-]{1,64}$',
  description: 'The key prefix the site was uploaded under (migrate/<name>).',
};

/**
 * Lines the site upgrade parses (site-operation's fleet check): the code's $version from version.php
 * (Moodle 5.1+ keeps it under public/) and the deployment the after-install hook recorded.
 * Read with sed, not PHP, so a broken PHP or config.php cannot hide the answer.
 */
export const CODE_VERSION_SCRIPT = [
  'set -uo pipefail',
  `v=${CODE_DIR}/version.php; [ -f ${CODE_DIR}/public/version.php ] && v=${CODE_DIR}/public/version.php`,
  `if [ -f "$v" ]; then echo "moodle-ha-code-version: $(sed -n 's/^[$]version *= *\\([0-9.]*\\).*/\\1/p' "$v" | head -n 1)"; else echo "moodle-ha-code-version: none"; fi`,
  `echo "moodle-ha-deployment: $(sed -n 's/^deployment=//p' /var/lib/moodle-ha/deployed-revision 2>/dev/null | head -n 1)"`,
];

interface DocumentSpec { runCommand: CfnValue[]; parameters?: Record<string, CfnValue>; timeoutSeconds?: string }

function document(description: string, name: string, spec: DocumentSpec): CfnValue {
  return {
    Type: 'AWS::SSM::Document',
    Properties: {
      DocumentType: 'Command',
      DocumentFormat: 'YAML',
      Content: {
        schemaVersion: '2.2',
        description,
        ...(spec.parameters ? { parameters: spec.parameters } : {}),
        mainSteps: [{
          action: 'aws:runShellScript', name,
          inputs: { runCommand: spec.runCommand, timeoutSeconds: spec.timeoutSeconds ?? '7200' },
        }],
      },
      Tags: tags(`ops-${name}`),
    },
  };
}
