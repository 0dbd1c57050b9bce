import { createPartyMatcher } from '../../../server/story/suggestions/detect/party-names';

const matcher = createPartyMatcher([
  { id: 'star', names: ['Styrelsen for Arbejdsmarked og Rekruttering', 'STAR'] },
  { id: 'kl', names: ['KL', 'Kommunernes Landsforening'] },
  { id: 'bm', names: ['Beskæftigelsesministeriet'] },
  { id: 'aal', names: ['Aalborg Kommune'] },
  { id: 'styrelsen', names: ['Styrelsen'] },
]);
const ids = (text: string) => matcher.find(text).map((m) => m.partyId);

describe('party matcher — known names and aliases in text', () => {
  test('a full name across line breaks and case — matched on folded words', () => {
    expect(ids('Brev fra STYRELSEN FOR ARBEJDSMARKED\nog Rekruttering til KL.')).toEqual(['star', 'kl']);
  });

  test('Danish folding — æ/ae, å/aa spell alike', () => {
    expect(ids('Beskaeftigelsesministeriet og Ålborg Kommune')).toEqual(['bm', 'aal']);
  });

  test('acronyms — only the same upper-case word, never "kl." (o\'clock) or inside a word', () => {
    expect(ids('Mødet er kl. 14 i KLAGE-nævnet')).toEqual([]);
    expect(ids('a star is born')).toEqual([]);
    expect(ids('STAR skrev til KL')).toEqual(['star', 'kl']);
  });

  test('the longer name wins over a shorter one starting the same way', () => {
    expect(matcher.find('Styrelsen for Arbejdsmarked og Rekruttering')).toEqual([{ partyId: 'star', matched: 'Styrelsen for Arbejdsmarked og Rekruttering', index: 0 }]);
    expect(ids('Styrelsen har svaret')).toEqual(['styrelsen']);
  });

  test('word boundaries — a name inside a longer word is not a match', () => {
    expect(ids('Beskæftigelsesministerietsbrev')).toEqual([]);
  });

  test('hostile names — regex and HTML characters are plain text', () => {
    const m = createPartyMatcher([{ id: 'x', names: ['A.*B (C)', '<b>'] }]);
    expect(m.find('A.*B (C) skrev')).toHaveLength(1);
    expect(m.find('AxxB C skrev')).toHaveLength(0);
  });
});
