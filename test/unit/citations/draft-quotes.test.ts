import { findQuotes, MIN_WORDS } from '../../../server/citations/draft-quotes';

/** The quoted passages of a draft, in every quotation style a Danish or English newsroom uses. */
const texts = (draft: string) => findQuotes(draft).map((q) => q.text);

describe('findQuotes', () => {
  test.each([
    ['»…« (Danish)', 'Hun sagde »data må ikke flyttes til Holland« i går.'],
    ['«…» (Norwegian, French)', 'Hun sagde «data må ikke flyttes til Holland» i går.'],
    ['“…” (English)', 'She said “data må ikke flyttes til Holland” yesterday.'],
    ['"…" (plain)', 'She said "data må ikke flyttes til Holland" yesterday.'],
    ['„…“ (German, older Danish)', 'Sie sagte „data må ikke flyttes til Holland“ gestern.'],
    ['„…” (Danish, Polish)', 'Hun sagde „data må ikke flyttes til Holland” i går.'],
    ['‘…’ (English single)', 'She said ‘data må ikke flyttes til Holland’ yesterday.'],
    ['‚…‘ (German single)', 'Sie sagte ‚data må ikke flyttes til Holland‘ gestern.'],
  ])('%s — the passage between the marks', (_style, draft) => {
    expect(findQuotes(draft)).toEqual([{ index: 1, text: 'data må ikke flyttes til Holland', at: draft.search(/[»«“"„‘‚]/), skipped: false }]);
  });

  test('several quotes in several styles — numbered in order, with where each opens', () => {
    const draft = '»Første citat med ord«, og “andet citat med ord”.\nTil sidst „tredje citat med ord“.';
    const q = findQuotes(draft);
    expect(q.map((x) => [x.index, x.text, draft[x.at]])).toEqual([
      [1, 'Første citat med ord', '»'],
      [2, 'andet citat med ord', '“'],
      [3, 'tredje citat med ord', '„'],
    ]);
  });

  test('nested — a quote inside a quote stays part of the outer one', () => {
    expect(texts('Han skrev: »Ministeren kaldte det ›en skandale‹ på mødet«.')).toEqual(['Ministeren kaldte det ›en skandale‹ på mødet']);
    expect(texts('He wrote: “The minister called it ‘a scandal’ at the meeting”.')).toEqual(['The minister called it ‘a scandal’ at the meeting']);
  });

  test('unbalanced — a mark never closed is no quote and does not swallow the next quotes', () => {
    expect(texts('Han sagde »dette lukkes aldrig. Senere: “dette er et helt citat”.')).toEqual(['dette er et helt citat']);
    expect(texts('»Ulukket start, og så »et rigtigt citat her« bagefter.')).toEqual(['et rigtigt citat her']);
    expect(texts('Et lukkende mærke« uden start og “et citat med ord”.')).toEqual(['et citat med ord']);
    expect(texts('Det sidste »citat løber ud af teksten')).toEqual([]);
  });

  test('line breaks — a quote runs over a line break, never over a blank line (a paragraph)', () => {
    expect(texts('»personfølsomme data\nikke må flyttes«')).toEqual(['personfølsomme data ikke må flyttes']);
    expect(texts('»første afsnit uden slut\n\nandet afsnit« og “et andet citat her”')).toEqual(['et andet citat her']);
  });

  test('apostrophes — inside or after a word they neither open nor close a single-quoted passage', () => {
    expect(texts('Ministeriets’ svar: ‘vi don’t flytter data’ sagde han.')).toEqual(['vi don’t flytter data']);
    expect(texts('It’s the agency’s view, not the minister’s.')).toEqual([]);
    expect(texts('Han er 1,80"høj og "her er et citat"')).toEqual(['her er et citat']);
  });

  test(`short quotes — under ${MIN_WORDS} words listed as skipped, not dropped; empty marks are no quote`, () => {
    const q = findQuotes('Kort: »ja tak«, »nej« og »tre ord her«, tomt: »« og “ ”.');
    expect(q.map((x) => [x.text, x.skipped])).toEqual([['ja tak', true], ['nej', true], ['tre ord her', false]]);
  });

  test('hostile — a huge draft of unclosed marks ends quickly and finds nothing', () => {
    const draft = '»'.repeat(50_000);
    const t0 = Date.now();
    expect(findQuotes(draft)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
