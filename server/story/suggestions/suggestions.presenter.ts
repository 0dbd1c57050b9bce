import { presentPartySummary } from '../parties/parties.presenter';
import type { PartySummary } from '../parties/parties.types';
import type { SuggestionRecord } from './suggestions.repository';

/** JSON shape of a suggestion, with what accepting it would do. */
export function presentSuggestion(s: SuggestionRecord & { party?: PartySummary }) {
  const base = `/api/documents/${s.documentId}/suggestions/${s.id}`;
  return {
    id: s.id,
    kind: s.kind,
    value: s.value,
    page: s.pageNumber,
    detail: s.detail,
    state: s.state,
    createdAt: s.createdAt,
    decidedAt: s.decidedAt,
    ...(s.party ? { party: presentPartySummary(s.party) } : {}),
    links: { accept: `${base}/accept`, dismiss: `${base}/dismiss`, ...(s.pageNumber ? { page: `/documents/${s.documentId}#page-${s.pageNumber}` } : {}) },
  };
}
