import type { SecondBucket } from './drill-report';

/** Requests users had answered (not failed, not maintenance) in a second. */
export function answered(b: SecondBucket): number {
  return Object.values(b.byNode).reduce((a, n) => a + n, 0);
}

/** Did users get answers in each of the last `seconds` seconds of the load? */
export function servedAtEnd(series: SecondBucket[], seconds = 3): boolean {
  const tail = series.slice(-seconds - 1, -1);
  return tail.length > 0 && tail.every((b) => answered(b) > 0);
}

/** Distinct nodes that answered users in the last `seconds` seconds. */
export function nodesServingAtEnd(series: SecondBucket[], seconds = 5): string[] {
  return [...new Set(series.slice(-seconds - 1, -1).flatMap((b) => Object.keys(b.byNode).filter((n) => b.byNode[n] > 0)))].sort();
}

/** The longest run of seconds in which users got no answer at all, after `from` (drill seconds). */
export function longestOutage(series: SecondBucket[], from = 0): number {
  let best = 0, run = 0;
  for (const b of series) {
    if (b.t < from) continue;
    if (b.requests > 0 && answered(b) === 0 && b.maintenance === 0) { run++; best = Math.max(best, run); } else run = 0;
  }
  return best;
}
