/** Time as a dependency, so tests can fix "now" (embargo ends, retry backoff). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
