import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { showDrillReport } from '../../sim/drill-panel';
import { withReplica } from './with-replica';
import { setLiveServing } from '../../pictures/live-topology-panel';
import { DRILL_CATALOGUE, isDrillName } from '../../../engine/sim/drills/catalogue';

export const replicaDrillCommand: ExtensionCommand = {
  id: 'moodleHa.replica.drill',
  async run(services, arg) {
    const name = typeof arg === 'string' ? arg : (await vscode.window.showQuickPick(DRILL_CATALOGUE.map((d) => ({ label: d.name, detail: d.detail, description: 'aws' in d ? d.aws : undefined })), { placeHolder: 'Which drill? (load runs against 127.0.0.1 only)' }))?.label;
    if (!name) return;
    if (!isDrillName(name)) throw new Error(`Unknown drill '${name}'. Drills: ${DRILL_CATALOGUE.map((d) => d.name).join(', ')}.`);
    const report = await withReplica(services, `Drill ${name}`, async (ctx, project) => {
      const { runDrill } = await import('../../../engine/sim/drills/run-drill');
      try {
        return await runDrill(ctx, project, name, { onServing: (serving) => setLiveServing(serving) });
      } finally {
        setLiveServing(undefined);
      }
    }, name);
    showDrillReport(report);
  },
};
