import { MhaError } from '../common/errors';
import { MIGRATE_RESTORE_SH } from './bundle/migrate-restore-script';
import { SWEEP_SESSION_LOCKS_PHP } from './bundle/session-lock-sweep';
import { APPSPEC_YML, MOODLE_CRON, MOODLE_INI } from './bundle/runtime-files';
import { CONFIG_PHP_TEMPLATE, RENDER_CONFIG_PHP } from './bundle/config-template';
import * as hooks from './bundle/hook-scripts';
import * as ops from './bundle/ops-scripts';
import { buildTemplate } from './cfn/build-template';
import { renderTemplateYaml } from './cfn/render-template';
import { cdkAppFiles } from './cdk/cdk-app';
import type { ScaffoldOptions } from './options';
import { renderParametersFile } from './parameters-file';
import { moodleBranch, renderReadme } from './readme';
import { validateOptions } from './validate-options';
import { withGitignore } from './gitignore';
import { OPTIONS_FILE } from './options-file';

export interface PlannedFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  content: string;
  /** File mode; executables get 0o755. */
  mode?: number;
}

export interface ScaffoldPlan {
  files: PlannedFile[];
}

export { OPTIONS_FILE };
export const TEMPLATE_FILE = 'infra/moodle-ha.yaml';

const HOOKS: [string, string][] = [
  ['common.sh', hooks.COMMON_SH],
  ['application-stop.sh', hooks.APPLICATION_STOP_SH],
  ['before-install.sh', hooks.BEFORE_INSTALL_SH],
  ['after-install.sh', hooks.AFTER_INSTALL_SH],
  ['application-start.sh', hooks.APPLICATION_START_SH],
  ['validate-service.sh', hooks.VALIDATE_SERVICE_SH],
];

const OPS: [string, string][] = [
  ['site-lib.sh', ops.SITE_LIB_SH],
  ['deploy-gate.sh', ops.DEPLOY_GATE_SH],
  ['install.sh', ops.INSTALL_SH],
  ['upgrade.sh', ops.UPGRADE_SH],
  ['upgrade-steps.sh', ops.UPGRADE_STEPS_SH],
  ['migrate-restore.sh', MIGRATE_RESTORE_SH],
  ['site-state.php', ops.SITE_STATE_PHP],
  ['install-site.php', ops.INSTALL_SITE_PHP],
  ['configure-muc.php', ops.CONFIGURE_MUC_PHP],
  ['sweep-session-locks.php', SWEEP_SESSION_LOCKS_PHP],
];

/** The answers → every file of the project. Pure: no I/O. Invalid answers throw, listing each problem. */
export function planScaffold(options: ScaffoldOptions): ScaffoldPlan {
  const problems = validateOptions(options);
  if (problems.length) {
    throw new MhaError('scaffold.invalidOptions', `The design has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`, { nextStep: 'Fix these answers (or the --config file) and scaffold again.' });
  }
  const template = buildTemplate(options);
  const files: PlannedFile[] = [
    { path: OPTIONS_FILE, content: JSON.stringify(options, null, 2) + '\n' },
    { path: 'README.md', content: renderReadme(options) },
    { path: TEMPLATE_FILE, content: renderTemplateYaml(options) },
    { path: 'infra/parameters.json', content: renderParametersFile(template) },
    { path: 'moodle/appspec.yml', content: APPSPEC_YML },
    { path: 'moodle/config.php.template', content: CONFIG_PHP_TEMPLATE },
    { path: 'moodle/render-config.php', content: RENDER_CONFIG_PHP },
    { path: 'moodle/php/moodle.ini', content: MOODLE_INI },
    { path: 'moodle/cron/moodle.cron', content: MOODLE_CRON },
    { path: 'moodle/code/README.md', content: codeReadme(options) },
    ...HOOKS.map(([name, content]) => ({ path: `moodle/hooks/${name}`, content, mode: 0o755 })),
    ...OPS.map(([name, content]) => ({ path: `moodle/ops/${name}`, content, mode: name.endsWith('.sh') ? 0o755 : 0o644 })),
  ];
  if (options.format === 'cdk') files.push(...cdkAppFiles(options));
  return { files: withGitignore(files) };
}

/** The folder's own note; the branch is the Moodle version asked for (5.1's README had said 5.0's). */
function codeReadme(options: ScaffoldOptions): string {
  return `# Moodle code goes here

CodeDeploy copies this folder to /var/www/moodle on every web server (see ../appspec.yml).
Put a Moodle release here, for example:

    git clone --depth 1 -b ${moodleBranch(options)} https://github.com/moodle/moodle.git .

Do not add config.php: the deployment hooks write it on each server.
`;
}
