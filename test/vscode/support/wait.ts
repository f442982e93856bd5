/**
 * Polls until `probe` returns a value other than undefined, or fails with `explain()`: the message
 * says what was expected and what was seen, so a missing feature reads as such, not as a timeout.
 */
export async function waitFor<T>(probe: () => T | undefined, options: { timeoutMs: number; explain: () => string }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${options.explain()} (waited ${options.timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
