/**
 * Resolves once the event loop has been round to waiting I/O (requests, worker messages) at least
 * once. A single `setImmediate` from an I/O callback runs before the loop polls again, so a long
 * piece of work split with it still holds every request that arrived meanwhile; two hops do not.
 */
export function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
