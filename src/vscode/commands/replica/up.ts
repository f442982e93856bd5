import * as vscode from 'vscode';
import { DEFAULT_PROJECT } from '../../../engine/sim/plan/replica-plan';
import type { ExtensionCommand } from '../command';
import { cloudFormationFiles } from '../../../engine/template/cloudformation-file';
import { replicaFeature } from '../../sim/replica-feature';
import { withReplica } from './with-replica';
import { REPLICA_SECTION, readReplicaSettings } from '../../settings/replica-settings';

export const replicaUpCommand: ExtensionCommand = {
  id: 'moodleHa.replica.up',
  async run(services, arg) {
    const template = arg instanceof vscode.Uri ? arg : await pickTemplate();
    if (template === null) return;
    const { session } = replicaFeature(services);
    const project = await askProjectName(session.suggestedProject(folderProjectName()));
    if (!project) return;
    await session.chooseProject(project);
    const moodleDir = readReplicaSettings(vscode.workspace.getConfiguration(REPLICA_SECTION)).moodlePath;
    const result = await withReplica(services, 'Starting the local replica', async (ctx, project) => {
      const [{ planReplica }, topo, { upReplica }, { inspectMoodleDir }] = await Promise.all([
        import('../../../engine/sim/plan/plan-replica'), import('../../../engine/sim/plan/topology-source'),
        import('../../../engine/sim/replica/up'), import('../../../engine/sim/moodle/detect-moodle'),
      ]);
      const read = template ? await topo.readTemplateForReplica(template.fsPath) : undefined;
      const topology = read?.topology ?? topo.emptyTopology();
      const moodle = moodleDir ? await inspectMoodleDir(moodleDir) : undefined;
      const plan = planReplica(topology, { project, moodle: moodle && { dir: moodle.dir, publicDir: moodle.publicDir }, aws: read?.aws, template: template?.fsPath });
      for (const note of plan.notes) services.logger.info(`replica plan: ${note}`);
      return upReplica(ctx, plan);
    });
    const moved = result.portMoved ? ` (port ${result.portMoved.requested} was in use)` : '';
    const choice = await vscode.window.showInformationMessage(`Local replica running at ${result.state.siteUrl}${moved}, ready in ${result.seconds.total.toFixed(0)} s.`, 'Open Site');
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(result.state.siteUrl));
  },
};

/** The template to plan from: only files that are CloudFormation templates by content; undefined for the HA defaults, null when cancelled. */
async function pickTemplate(): Promise<vscode.Uri | undefined | null> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml,json,template}', '**/{node_modules,cdk.out,.git}/**', 500);
  const local = files.filter((u) => u.scheme === 'file');
  const templates = new Set(await cloudFormationFiles(local.map((u) => u.fsPath)));
  const candidates = local.filter((u) => templates.has(u.fsPath)).sort((a, b) => a.path.localeCompare(b.path));
  const pick = await vscode.window.showQuickPick(
    [{ label: '$(server-environment) HA defaults (no template)', uri: undefined as vscode.Uri | undefined }, ...candidates.map((u) => ({ label: vscode.workspace.asRelativePath(u), description: 'CloudFormation template', uri: u }))],
    { title: 'Moodle HA: Start Local Replica (1/2)', placeHolder: candidates.length ? 'Plan the replica from which template?' : 'No CloudFormation template in this folder: the replica runs the HA defaults' },
  );
  return pick ? pick.uri : null;
}

/** A Docker project name from the open folder's name (lower case letters, digits, - and _), or the default. */
function folderProjectName(): string {
  const name = vscode.workspace.workspaceFolders?.[0]?.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '');
  return name || DEFAULT_PROJECT;
}

/** Docker Compose's rule for project names; the containers, network and volumes are named after it. */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

async function askProjectName(prefill: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Moodle HA: Start Local Replica (2/2)',
    prompt: 'Replica name: its containers, network and volumes are named after it (setting moodleHa.replica.project)',
    value: prefill,
    ignoreFocusOut: true,
    validateInput: (text) => (PROJECT_NAME.test(text) ? undefined : 'Lower case letters, digits, - and _, starting with a letter or digit (at most 63).'),
  });
}
