import type { Clock } from '../lib/clock';

/**
 * Slows password guessing without giving anyone a way to lock someone else out.
 *
 * - Per (address, username): after PAIR_MAX failures within WINDOW, that address may not try that
 *   username until the window passes. Someone guessing at "anna" from their machine is stopped;
 *   Anna signing in from her own machine is not affected. (A per-account lock would let anyone
 *   lock any colleague out by typing wrong passwords for them.)
 * - Per address: after ADDRESS_MAX failures within WINDOW, across any usernames, the address waits
 *   (password spraying). A success does not clear it, or one valid account would reset the count.
 *
 * Both are keyed by what the client typed, never by whether the account exists, so an unknown and a
 * known username get the same answers, attempt by attempt. Kept in memory on purpose: a restart
 * forgets it. Behind a reverse proxy, set Express's `trust proxy` so the address is the client's.
 */
const PAIR_MAX = 5;
const ADDRESS_MAX = 20;
const WINDOW_MS = 15 * 60_000;
/** Most keys kept per map; expired ones are swept first, then the oldest go. */
const MAX_KEYS = 10_000;

export type ThrottleVerdict = 'ok' | 'pair' | 'address';

export function createLoginThrottle(clock: Clock, limits: { pairMax?: number; addressMax?: number; windowMs?: number } = {}) {
  const pairMax = limits.pairMax ?? PAIR_MAX;
  const addressMax = limits.addressMax ?? ADDRESS_MAX;
  const windowMs = limits.windowMs ?? WINDOW_MS;
  const byPair = new Map<string, number[]>();
  const byAddress = new Map<string, number[]>();

  const since = () => clock.now().getTime() - windowMs;
  const recent = (map: Map<string, number[]>, key: string) => (map.get(key) ?? []).filter((t) => t > since());
  // Usernames are compared as typed, but "Anna" and "anna " must not count as fresh names.
  const pairKey = (address: string, username: string) => `${address}\u0000${String(username ?? '').trim().toLowerCase()}`;

  function add(map: Map<string, number[]>, key: string): void {
    const list = recent(map, key);
    list.push(clock.now().getTime());
    map.delete(key);
    map.set(key, list);
    if (map.size <= MAX_KEYS) return;
    for (const [k, times] of map) if (!times.some((t) => t > since())) map.delete(k);
    while (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
  }

  return {
    /** Whether this address may try this username now; which limit holds it back otherwise. */
    check(address: string, username: string): ThrottleVerdict {
      if (recent(byAddress, address).length >= addressMax) return 'address';
      if (recent(byPair, pairKey(address, username)).length >= pairMax) return 'pair';
      return 'ok';
    },
    fail(address: string, username: string): void {
      add(byAddress, address);
      add(byPair, pairKey(address, username));
    },
    succeed(address: string, username: string): void {
      byPair.delete(pairKey(address, username));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
