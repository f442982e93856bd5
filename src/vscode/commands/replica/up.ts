import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { withReplica } from './with-replica';

export const replicaUpCommand: ExtensionCommand = {
  id: 'moodleHa.replica.up',
  async run(services, arg) {
    const templates = await vscode.workspace.findFiles('**/*.{yaml,yml,json,template}', '**/{node_modules,cdk.out,.git}/**', 200);
    const candidates = templates.filter((u) => /template|stack|moodle|cfn/i.test(u.path));
    const fromArg = arg instanceof vscode.Uri ? arg : undefined;
    let template = fromArg;
    if (!template) {
      const pick = await vscode.window.showQuickPick(
        [{ label: '$(server-environment) HA defaults (no template)', uri: undefined as vscode.Uri | undefined }, ...candidates.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u }))],
        { placeHolder: 'Plan the replica from which template?' },
      );
      if (!pick) return;
      template = pick.uri;
    }
    const moodleDir = vscode.workspace.getConfiguration('moodleHa.replica').get<string>('moodlePath') || undefined;
    const result = await withReplica(services, 'Starting the local replica', async (ctx, project) => {
      const [{ planReplica }, topo, { upReplica }, { inspectMoodleDir }] = await Promise.all([
        import('../../../engine/sim/plan/plan-replica'), import('../../../engine/sim/plan/topology-source'),
        import('../../../engine/sim/replica/up'), import('../../../engine/sim/moodle/detect-moodle'),
      ]);
      const read = template ? await topo.readTemplateForReplica(template.fsPath) : undefined;
      const topology = read?.topology ?? topo.emptyTopology();
      const moodle = moodleDir ? await inspectMoodleDir(moodleDir) : undefined;
      const plan = planReplica(topology, { project, moodle: moodle && { dir: moodle.dir, publicDir: moodle.publicDir }, aws: read?.aws });
      for (const note of plan.notes) services.logger.info(`replica plan: ${note}`);
      return upReplica(ctx, plan);
    });
    const moved = result.portMoved ? ` (port ${result.portMoved.requested} was in use)` : '';
    const choice = await vscode.window.showInformationMessage(`Local replica running at ${result.state.siteUrl}${moved}, ready in ${result.seconds.total.toFixed(0)} s.`, 'Open Site');
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(result.state.siteUrl));
  },
};
