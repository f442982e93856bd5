import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

/** What a script does to Moodle's database: runs its installer, its upgrade (a check with --is-pending changes nothing), both or neither. */
export function databaseChanges(script: string): Array<'install' | 'upgrade'> {
  const found = new Set<'install' | 'upgrade'>();
  for (const raw of script.replace(/\\n/g, '\n').split('\n')) {
    const line = raw.trim();
    // Comments and messages name the scripts without running them.
    if (!line || line.startsWith('#') || /^(echo|printf|log)\b/.test(line)) continue;
    if (/\binstall_database\.php\b|admin\/cli\/install\.php\b/.test(line)) found.add('install');
    if (/\bupgrade\.php\b/.test(line) && !/--is-pending|--help\b/.test(line)) found.add('upgrade');
  }
  return (['install', 'upgrade'] as const).filter((c) => found.has(c));
}

/** "installs Moodle's database", "runs Moodle's database upgrade", or both; and what a half-done one leaves. */
function describe(changes: Array<'install' | 'upgrade'>): { what: string; half: string } {
  const what = changes.map((c) => (c === 'install' ? "installs Moodle's database" : "runs Moodle's database upgrade")).join(' and ');
  return { what, half: changes.map((c) => (c === 'install' ? 'half-installed' : 'half-upgraded')).join(' or ') };
}

const FIX = 'Run the install and each upgrade once, as an explicit operation on one server (SSM Run Command: a database snapshot, maintenance on, install or upgrade.php, purge caches, maintenance off), and let the deployment only check the database (upgrade.php --is-pending, maintenance while it is behind the code). `moodle-ha scaffold` bundles this as `moodle-ha site install` and `moodle-ha site upgrade`.';

export const hooksLeaveDatabaseAlone = defineRule({
  id: 'MHA5007',
  name: 'deploy-leaves-database-alone',
  category: 'code',
  defaultSeverity: 'error',
  description: "Neither the CodeDeploy hooks of the project's bundle nor the web servers' boot (more than one server) install or upgrade Moodle's database: that is one explicit operation, not a side effect of whichever server deploys or boots first.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web) return;
    const code = topology.code;
    for (const hook of topology.bundleHooks ?? []) {
      const changes = databaseChanges(hook.text);
      if (!changes.length) continue;
      const { what, half } = describe(changes);
      report({
        path: code.found && code.deploymentGroupPath ? code.deploymentGroupPath : userDataPath(model, web), atKey: true,
        message: `${hook.file} (the ${hook.event} hook, which CodeDeploy runs on every web server as it deploys) ${what}: the first server to deploy does it while the others deploy beside it, and the Auto Scaling group may replace that server midway, leaving a ${half} database that the next attempt cannot finish ("tables exist", or code newer than a partly upgraded schema). ${FIX}`,
      });
      return;
    }
    if (typeof web.maxSize === 'number' && web.maxSize < 2) return;
    const changes = databaseChanges([web.userData, web.bootstrapText].filter(Boolean).join('\n'));
    if (!changes.length) return;
    const { what, half } = describe(changes);
    report({
      path: userDataPath(model, web), atKey: true,
      message: `The web servers' boot script ${what} on every server the Auto Scaling group starts${typeof web.maxSize === 'number' ? ` (up to ${web.maxSize})` : ''}: servers booting together race on the same database, and one replaced midway leaves it ${half}. ${FIX}`,
    });
  },
});
