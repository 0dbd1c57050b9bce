import { presentPartySummary } from '../parties/parties.presenter';
import type { EventParty, EventRecord, EventSummary } from './events.types';

/** JSON shapes of events. */
export function presentEventSummary(e: EventSummary) {
  return { id: e.id, title: e.title, date: e.date, precision: e.precision, endDate: e.endDate, storyId: e.storyId, links: { self: `/api/events/${e.id}`, html: `/events/${e.id}` } };
}

export function presentEvent(e: EventRecord, parties?: EventParty[]) {
  return {
    ...presentEventSummary(e),
    description: e.description,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...(parties ? { parties: parties.map((p) => ({ role: p.role, party: presentPartySummary(p.party) })) } : {}),
  };
}
