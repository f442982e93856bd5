import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { SimContext } from '../../../engine/sim/replica/sim-context';
import { replicaFeature } from '../../sim/replica-feature';

/**
 * Runs a replica operation with a cancellable progress notification; the engine gets the token as an
 * AbortSignal and the notification as its ProgressSink. Cancelling is a normal ending.
 */
export async function withReplica<T>(services: Services, title: string, operation: (ctx: SimContext, project: string) => Promise<T>): Promise<T> {
  const { session } = replicaFeature(services);
  return session.run(title, async () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Moodle HA: ${title}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const ctx = await session.simContext({ signal: controller.signal, progress: (p) => { progress.report({ message: p.message }); services.logger.info(p.message); } });
        return await operation(ctx, session.project);
      } finally {
        sub.dispose();
      }
    },
  ));
}
