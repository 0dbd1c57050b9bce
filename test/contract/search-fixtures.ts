import type { IndexedDocument } from '../../search/engine';

/**
 * The archive every engine is tested on: the STAR/KL case of DESIGN.md in a few letters, plus
 * restricted and embargoed material, and a run of dated documents for sorting and pagination.
 */
export const NOW = new Date('2025-01-01T00:00:00.000Z');

export const USERS = {
  admin: { userId: 'u_admin', role: 'admin' },
  named: { userId: 'u_named', role: 'researcher' },
  other: { userId: 'u_other', role: 'researcher' },
} as const;

type Fixture = Partial<IndexedDocument> & { id: string; pages: IndexedDocument['pages'] };

/** A newsroom document of the given pages, undated, with nothing linked (what `f` does not say). */
export function doc(f: Fixture): IndexedDocument {
  return {
    title: f.id,
    filename: `${f.id}.pdf`,
    mediaType: 'application/pdf',
    language: 'da',
    documentDate: null,
    createdAt: '2024-05-01T10:00:00.000Z',
    accessLevel: 'newsroom',
    embargoUntil: null,
    allowedUserIds: [],
    parties: [],
    eventIds: [],
    storyIds: [],
    requestIds: [],
    ...f,
  };
}

const text = (t: string) => ({ method: 'text' as const, text: t });

export const STAR = doc({
  id: 'doc_star',
  title: 'Brev fra STAR til KL',
  documentDate: '2018-06-01',
  parties: [{ id: 'p_star', role: 'sender' }, { id: 'p_kl', role: 'recipient' }],
  eventIds: ['ev_letter'],
  storyIds: ['st_cloud'],
  pages: [
    { number: 1, ...text('Styrelsen for Arbejdsmarked og Rekruttering skriver til KL om aktindsigt og kommunernes it-systemer.') },
    { number: 2, ...text('Personfølsomme data må ikke flyttes til Holland. Ålborg Kommune er nævnt i sagen.') },
  ],
});

export const MINISTER = doc({
  id: 'doc_minister',
  title: 'Ministerens brev til KL',
  documentDate: '2018-09-28',
  parties: [{ id: 'p_ministry', role: 'sender' }, { id: 'p_kl', role: 'recipient' }],
  pages: [
    { number: 1, ...text('Ministeren beder om en redegørelse senest den 15. oktober om aktindsigt. Aalborg og København skal svare.') },
    { number: 2, method: 'ocr', text: 'Med venlig hilsen Beskæftigelsesministeriet' },
  ],
});

export const KMD = doc({
  id: 'doc_kmd',
  title: 'KMD Momentum i skyen',
  mediaType: 'message/rfc822',
  language: 'en',
  documentDate: '2018-10-02',
  parties: [{ id: 'p_kmd', role: 'mentioned', names: ['Kommunedata', 'KMD A/S'] }],
  requestIds: ['req_1', 'req_2'],
  pages: [{ number: 1, ...text('Koebenhavn og Aarhus kommuner bruger KMD Momentum efter aktindsigt. Data ligger i Holland, i Amsterdam.') }],
});

/** Misspelled in the text itself: found by the exact word only through a typo, ranked below exact matches. */
export const MISSPELLED = doc({
  id: 'doc_misspelled',
  title: 'Notat med stavefejl',
  documentDate: '2017-01-10',
  pages: [{ number: 1, ...text('Notat om personfølsome oplysninger i en anden sag.') }],
});

export const RESTRICTED = doc({
  id: 'doc_restricted',
  title: 'Fortroligt notat fra kilden',
  accessLevel: 'restricted',
  allowedUserIds: [USERS.named.userId],
  documentDate: '2018-07-01',
  parties: [{ id: 'p_source', role: 'mentioned' }],
  storyIds: ['st_secret'],
  pages: [{ number: 1, ...text('Kildens hemmelighed: personfølsomme data om Holland, fortrolig.') }],
});

export const EMBARGO_FUTURE = doc({
  id: 'doc_embargo_future',
  title: 'Rapport under embargo',
  accessLevel: 'embargoed',
  embargoUntil: '2030-01-01T00:00:00Z',
  documentDate: '2018-08-01',
  pages: [{ number: 1, ...text('Embargorapporten om Holland og datacentre.') }],
});

export const EMBARGO_PAST = doc({
  id: 'doc_embargo_past',
  title: 'Rapport efter embargo',
  accessLevel: 'embargoed',
  embargoUntil: '2020-01-01T00:00:00Z',
  documentDate: '2018-08-02',
  pages: [{ number: 1, ...text('Embargorapporten er frigivet: datacentre i Danmark.') }],
});

/** 25 documents with the same word, one day apart, for sorting and pagination. */
export const BUDGETS = Array.from({ length: 25 }, (_, i) =>
  doc({
    id: `doc_budget_${String(i).padStart(2, '0')}`,
    title: `Budgetnotat ${i + 1}`,
    documentDate: new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10),
    pages: [{ number: 1, ...text(`Kommunens budgetoverslag nummer ${i + 1} for driften.`) }],
  }),
);

export const ALL = [STAR, MINISTER, KMD, MISSPELLED, RESTRICTED, EMBARGO_FUTURE, EMBARGO_PAST, ...BUDGETS];

/** Original page texts as the database would give them (the engines build snippets from these). */
export function pageTextsOf(docs: () => IndexedDocument[]) {
  return (documentId: string, numbers: number[]): Map<number, string> => {
    const d = docs().find((x) => x.id === documentId);
    return new Map((d?.pages ?? []).filter((p) => numbers.includes(p.number)).map((p) => [p.number, p.text]));
  };
}
