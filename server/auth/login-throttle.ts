import type { Clock } from '../lib/clock';

/**
 * Slows down guessing across many accounts from one address (the per-account lock-out only sees one
 * account at a time): after MAX failures within WINDOW, sign-in from that address is refused until
 * the window passes. Kept in memory on purpose — a restart forgets it, the account lock-out does not.
 */
const MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60_000;

export function createLoginThrottle(clock: Clock, max = MAX_FAILURES, windowMs = WINDOW_MS) {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => t > clock.now().getTime() - windowMs);
  return {
    blocked(key: string): boolean {
      return recent(key).length >= max;
    },
    fail(key: string): void {
      const list = recent(key);
      list.push(clock.now().getTime());
      failures.set(key, list);
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
