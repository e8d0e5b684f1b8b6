// Waiting for a condition, never for a fixed time: polls `check` until it passes (returning what
// it returns) or the time is up (throwing its last failure, which says what was not yet true).
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
