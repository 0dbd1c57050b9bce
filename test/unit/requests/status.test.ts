import { AppError } from '../../../server/lib/errors';
import { assertTransition, canTransition, TRANSITIONS } from '../../../server/requests/core/requests.status';
import { REQUEST_STATUSES, type RequestStatus } from '../../../server/requests/core/requests.types';

/** The state machine of a request, checked over every pair of states. */
const pairs = REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.map((to) => [from, to] as [RequestStatus, RequestStatus]));
const legal = pairs.filter(([from, to]) => TRANSITIONS[from].includes(to));
const illegal = pairs.filter(([from, to]) => !TRANSITIONS[from].includes(to));

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a throw');
}

describe('request status — the legal moves', () => {
  test('status machine — its table — names only known states and never stays in place', () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      expect(REQUEST_STATUSES).toContain(from);
      for (const to of tos) expect(REQUEST_STATUSES).toContain(to);
      expect(tos).not.toContain(from);
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  test.each(legal)('status — %s → %s — is accepted', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  test.each(illegal)('status — %s → %s — is refused with a 400 naming both states', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const err = thrown(() => assertTransition(from, to));
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.message).toContain(`(${from})`);
    if (from !== to) expect(err.message).toContain(`(${to})`);
    else expect(err.message).toMatch(/already/);
  });

  test('status — appeal decided before appealed — says which moves exist instead', () => {
    const err = thrown(() => assertTransition('sent', 'appeal_decided'));
    expect(err.message).toBe(
      'A request cannot go from "sent" (sent) to "appeal decided" (appeal_decided). From "sent" (sent) it can go to: acknowledged, extended, granted, partly_granted, refused, no_documents, appealed, withdrawn.',
    );
  });

  test('status — from a final state — says it is final', () => {
    expect(thrown(() => assertTransition('withdrawn', 'sent')).message).toMatch(/"withdrawn" \(withdrawn\) is final/);
    expect(thrown(() => assertTransition('granted', 'appealed')).message).toMatch(/is final/);
  });

  test('status — every state — can be reached from draft', () => {
    const seen = new Set<RequestStatus>(['draft']);
    const queue: RequestStatus[] = ['draft'];
    while (queue.length) for (const next of TRANSITIONS[queue.shift()!]) if (!seen.has(next)) { seen.add(next); queue.push(next); }
    expect([...seen].sort()).toEqual([...REQUEST_STATUSES].sort());
  });
});
