import { MhaError } from '../../common/errors';
import { delay, throwIfCancelled } from '../../common/cancellation';

/** Polls the site through the LB until it answers 200 (the first user-visible success). */
export async function waitForSite(siteUrl: string, timeoutMs: number, signal?: AbortSignal, path = 'login/index.php'): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    throwIfCancelled(signal);
    try {
      const response = await fetch(new URL(path, siteUrl), { signal: AbortSignal.timeout(3000), redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) return Date.now() - started;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await delay(200, signal);
  }
  throw new MhaError('sim.readiness', `The site did not answer 200 through the load balancer within ${timeoutMs / 1000} s (last: ${last}).`, {
    nextStep: "Look at 'moodle-ha sim logs lb' and 'moodle-ha sim logs web-1'.",
  });
}
