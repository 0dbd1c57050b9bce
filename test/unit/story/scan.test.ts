import { maskCprNumbers } from '../../../server/story/suggestions/detect/cpr';
import { MAX_EVENT_DATES, pieces, scanDocument } from '../../../server/story/suggestions/scan';

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

describe('scanDocument — a page of megabytes, read in pieces', () => {
  test('a page of megabytes — read in pieces — suggests what the same letter on a short page does, across the cuts', () => {
    // The letter's parts far apart on one page (a long text file): the year-less date comes
    // before the page's first dated mention, CPR numbers stand in the first and last piece.
    const filler = (n: number) => 'Referat af mødet i udvalget om drift og vedligehold.\n'.repeat(n);
    const text = `Svar senest 15. oktober.\n${filler(3000)}Til KL\nCpr-nr. 280618-4321.\n${filler(3000)}København, 28. september 2018\n${filler(3000)}STAR og cpr-nr. 010203-1234.\n`;
    expect(text.length).toBeGreaterThan(400_000);
    const found = scanDocument({ pages: [{ number: 1, text }], parties, linkedPartyIds: new Set(), documentDate: null });
    const by = (kind: string) => found.filter((f) => f.kind === kind);
    expect(by('party_mention').map((f) => f.value).sort()).toEqual(['pty_kl', 'pty_star']);
    expect(by('document_date')).toMatchObject([{ value: '2018-09-28' }]);
    expect(by('event_date')).toMatchObject([{ value: '2018-10-15', detail: { text: '15. oktober.', yearInferred: true } }]);
    expect(by('personal_data')).toMatchObject([{ value: 'page:1', detail: { count: 2, masked: ['280618-****', '010203-****'] } }]);
  });
});

describe('pieces — a long text cut for reading in turns', () => {
  const joined = (text: string, size: number) => pieces(text, size).join('');

  test('cut after a line break in the second half of a piece, else after a space, else where it falls; nothing lost', () => {
    const lines = 'første linje\nanden linje her\ntredje\n'.repeat(40);
    const byLine = pieces(lines, 100);
    expect(byLine.join('')).toBe(lines);
    expect(byLine.slice(0, -1).every((p) => p.endsWith('\n') && p.length <= 100)).toBe(true);
    const spaced = 'ord '.repeat(100);
    expect(pieces(spaced, 50).slice(0, -1).every((p) => p.endsWith(' ') && p.length <= 50)).toBe(true);
    expect(joined(spaced, 50)).toBe(spaced);
    const solid = 'x'.repeat(250);
    expect(pieces(solid, 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });

  test('never inside a surrogate pair; a text under the size is one piece', () => {
    const emoji = '🙂'.repeat(120); // 240 UTF-16 units, no spaces
    const cut = pieces(emoji, 101);
    expect(cut.join('')).toBe(emoji);
    for (const p of cut) expect(p).toBe('🙂'.repeat(p.length / 2));
    expect(pieces('kort tekst', 100)).toEqual(['kort tekst']);
    expect(pieces('', 100)).toEqual(['']);
  });
});
