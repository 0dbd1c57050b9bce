import type { RequestDeadline, RequestDeadlines } from './requests.deadlines';
import { endOfWeek } from './requests.dates';
import { APPEALABLE, AWAITING_ANSWER, CLOSED } from './requests.status';
import type { RequestSummary } from './requests.types';

/**
 * Sorts requests into what a journalist with forty open requests must look at, in order:
 * - overdue: the authority owes an answer and its answer date has passed (or, after an appeal, the
 *   appeal body's statutory date has);
 * - due_this_week: an answer is due, or our own appeal deadline falls, between today and Sunday;
 * - awaiting_appeal: appealed, waiting for the appeal body;
 * - appealable: a refusal (or partial grant, or "no documents") we may still appeal;
 * - open: waiting for an answer that is not yet close;
 * - draft: not sent; closed: granted, withdrawn, or an appeal deadline that has passed unused.
 * Each request lands in exactly one bucket: the first that applies in this order.
 */
export const BUCKETS = ['overdue', 'due_this_week', 'awaiting_appeal', 'appealable', 'open', 'draft', 'closed'] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * The buckets that ask something of the journalist now, in the order the overview page leads with:
 * an answer (or appeal decision) past its date — chase it; a date falling this week; a decision that
 * may still be appealed — decide whether to. The others wait on someone else or are done.
 */
export const NEEDS_ACTION: readonly Bucket[] = ['overdue', 'due_this_week', 'appealable'];

export interface Classified {
  bucket: Bucket;
  /** the deadline that put the request in its bucket (answer or appeal), if any. */
  deadline: RequestDeadline | null;
}

export function classify(req: RequestSummary, dl: RequestDeadlines, today: string): Classified {
  const weekEnd = endOfWeek(today);
  if (req.status === 'draft') return { bucket: 'draft', deadline: null };
  if (CLOSED.includes(req.status)) return { bucket: 'closed', deadline: null };
  if (AWAITING_ANSWER.includes(req.status)) {
    const due = dl.answerDue;
    if (!due) return { bucket: 'open', deadline: null };
    if (due.date < today) return { bucket: 'overdue', deadline: due };
    if (due.date <= weekEnd) return { bucket: 'due_this_week', deadline: due };
    return { bucket: 'open', deadline: due };
  }
  if (req.status === 'appealed') {
    // The appeal body (or, for a review, the authority) owes an answer by law: past it, the request is overdue.
    const due = dl.appealAnswerDue;
    if (due && due.binding === 'statutory' && due.date < today) return { bucket: 'overdue', deadline: due };
    return { bucket: 'awaiting_appeal', deadline: due };
  }
  if (APPEALABLE.includes(req.status)) {
    const due = dl.appealDue;
    if (!due) return { bucket: 'appealable', deadline: null };
    if (due.date < today) return { bucket: 'closed', deadline: due };
    if (due.date <= weekEnd) return { bucket: 'due_this_week', deadline: due };
    return { bucket: 'appealable', deadline: due };
  }
  return { bucket: 'closed', deadline: null };
}

export interface OverviewItem {
  request: RequestSummary;
  bucket: Bucket;
  deadline: RequestDeadline | null;
}

export interface OverviewGroup {
  key: string;
  label: string;
  items: OverviewItem[];
}

export type GroupBy = 'none' | 'story' | 'authority';

/** Groups a bucket's items by story or authority; requests without one come last. */
export function groupItems(items: OverviewItem[], by: GroupBy, noneLabel: string): OverviewGroup[] {
  if (by === 'none') return [{ key: '', label: '', items }];
  const groups = new Map<string, OverviewGroup>();
  for (const item of items) {
    const r = item.request;
    const ref = by === 'story'
      ? r.story && { id: r.story.id, label: r.story.title }
      : r.authority && { id: r.authority.id, label: r.authority.name };
    const key = ref?.id ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label: ref?.label ?? noneLabel, items: [] }));
    g.items.push(item);
  }
  return [...groups.values()].sort((a, b) => Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label, 'da'));
}

/** Within a bucket: the most pressing date first; requests without a date last. */
export function byUrgency(a: OverviewItem, b: OverviewItem): number {
  const da = a.deadline?.date ?? '9999-12-31';
  const db = b.deadline?.date ?? '9999-12-31';
  return da.localeCompare(db) || a.request.subject.localeCompare(b.request.subject, 'da');
}
