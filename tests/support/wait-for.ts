// Waiting for a condition, never for a fixed time: polls `check` until it passes (returning what
// it returns) or the time is up (throwing its last failure, which says what was not yet true).
// The time is the monotonic clock's: a step of the machine's wall clock (seen once in CI, a
// 15 s wait given up after 9.5 s) must not cut a wait short.
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
