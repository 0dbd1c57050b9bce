import { maskCprNumbers } from '../../../server/story/suggestions/detect/cpr';
import { MAX_EVENT_DATES, scanDocument } from '../../../server/story/suggestions/scan';

const parties = [
  { id: 'pty_star', names: ['Styrelsen for Arbejdsmarked og Rekruttering', 'STAR'] },
  { id: 'pty_kl', names: ['KL', 'Kommunernes Landsforening'] },
];

describe('scanDocument — what a letter suggests', () => {
  const pages = [
    { number: 1, text: 'København, 28. september 2018\n\nTil KL\n\nSTAR har den 28. juni 2018 skrevet til jer. Svar senest 15. oktober.' },
    { number: 2, text: 'Borger med cpr-nr. 280618-4321 nævnes. Kopi til Styrelsen for Arbejdsmarked og Rekruttering.' },
  ];

  test('a letter — party mentions with pages, its own date, event dates, personal data per page', () => {
    const found = scanDocument({ pages, parties, linkedPartyIds: new Set(), documentDate: null });
    const by = (kind: string) => found.filter((f) => f.kind === kind);
    expect(by('party_mention')).toEqual([
      { kind: 'party_mention', value: 'pty_kl', pageNumber: 1, detail: { matched: 'KL', pages: [1] } },
      { kind: 'party_mention', value: 'pty_star', pageNumber: 1, detail: { matched: 'STAR', pages: [1, 2] } },
    ]);
    expect(by('document_date')).toMatchObject([{ value: '2018-09-28', pageNumber: 1, detail: { text: '28. september 2018' } }]);
    expect(by('event_date').map((f) => f.value)).toEqual(['2018-06-28', '2018-10-15']);
    expect(by('personal_data')).toMatchObject([{ value: 'page:2', pageNumber: 2, detail: { type: 'cpr', count: 1, masked: ['280618-****'] } }]);
    expect(JSON.stringify(found)).not.toContain('4321');
  });

  test('already linked parties and the date the document already has — not suggested again', () => {
    const found = scanDocument({ pages, parties, linkedPartyIds: new Set(['pty_kl']), documentDate: '2018-09-28' });
    expect(found.filter((f) => f.kind === 'party_mention').map((f) => f.value)).toEqual(['pty_star']);
    expect(found.filter((f) => f.kind === 'document_date')).toEqual([]);
    expect(found.filter((f) => f.kind === 'event_date').map((f) => f.value)).toEqual(['2018-06-28', '2018-10-15']);
  });

  test('a long text full of dates — event suggestions are capped', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${(i % 28) + 1}. ${['januar', 'marts', 'maj'][i % 3]} 2019`).join('. ');
    const found = scanDocument({ pages: [{ number: 1, text }], parties: [], linkedPartyIds: new Set(), documentDate: null });
    expect(found.filter((f) => f.kind === 'event_date').length).toBe(MAX_EVENT_DATES);
  });

  test('an empty document — nothing to suggest', () => {
    expect(scanDocument({ pages: [], parties, linkedPartyIds: new Set(), documentDate: null })).toEqual([]);
  });
});

describe('scanDocument — CPR numbers never leave in a suggestion', () => {
  test('dates next to CPR numbers in every spelling — the context shows only the masked form', () => {
    const text = 'Sagen: 010190-1234, 020285–4321, 030399 5678 og 0404001122 skrev 12. januar 2019. Telefon 99 99 99 99.';
    const found = scanDocument({ pages: [{ number: 1, text }], parties: [], linkedPartyIds: new Set(), documentDate: null });
    const context = String(found.find((f) => f.kind === 'document_date')?.detail.context);
    expect(context).toContain('010190-****, 020285–****, 030399 **** og 040400****');
    for (const serial of ['1234', '4321', '5678', '1122']) expect(JSON.stringify(found)).not.toContain(serial);
  });

  test('maskCprNumbers — keeps the length, leaves numbers that cannot be a birth date alone', () => {
    const text = 'cpr 280618-4321, konto 9913-1234567890, sag 2019-123456, dato 321399-1234';
    const masked = maskCprNumbers(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('cpr 280618-****, konto 9913-1234567890, sag 2019-123456, dato 321399-1234');
  });
});
