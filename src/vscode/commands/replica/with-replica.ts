import type { Services } from '../../services';
import type { SimContext } from '../../../engine/sim/replica/sim-context';
import { replicaFeature } from '../../sim/replica-feature';
import { withCancellableProgress } from '../../with-cancellable-progress';

/**
 * Runs a replica operation with a cancellable progress notification; the engine gets the token as an
 * AbortSignal and the notification as its ProgressSink. Cancelling is a normal ending.
 */
export async function withReplica<T>(services: Services, title: string, operation: (ctx: SimContext, project: string) => Promise<T>, drill?: string): Promise<T> {
  const { session } = replicaFeature(services);
  return session.run(title, async () => withCancellableProgress(`Moodle HA: ${title}`, async (signal, report) => {
    const ctx = await session.simContext({ signal, progress: (p) => { report({ message: p.message }); services.logger.info(p.message); } });
    return operation(ctx, session.project);
  }), drill);
}
