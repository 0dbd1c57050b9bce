import { buildMeiliFilter, dateNum, filterAttribute, FILTERABLE_ATTRIBUTES, quoteFilterValue } from '../../../search/meilisearch/filter';

/**
 * Reads an expression the way Meilisearch's filter parser reads double-quoted values (filter-parser
 * `quoted_by`: a backslash skips the next character, an unescaped quote ends the string; then the
 * value is unescaped). Returns the expression with every value replaced by "?" and the values.
 */
function readFilter(expr: string): { shape: string; values: string[] } {
  let shape = '';
  const values: string[] = [];
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] !== '"') {
      shape += expr[i];
      continue;
    }
    let raw = '';
    for (i++; i < expr.length && expr[i] !== '"'; i++) {
      if (expr[i] === '\\') raw += expr[i++];
      raw += expr[i];
    }
    if (i >= expr.length) throw new Error(`unterminated string in ${expr}`);
    values.push(raw.replace(/\\(.)/gs, '$1'));
    shape += '"?"';
  }
  return { shape, values };
}

const NASTY = ['a"b', 'a\\', '\\"', '" OR accessLevel = "x', 'x) OR (y', 'AND', 'OR', 'TO', '=', 'a\\"b\\\\', "it's", '[1, 2]', '\n', ''];

describe('buildMeiliFilter', () => {
  it('buildMeiliFilter — every field — builds one AND-ed expression per field', () => {
    expect(
      buildMeiliFilter({
        mediaType: ['application/pdf', 'message/rfc822'],
        language: ['da'],
        method: ['ocr'],
        dateFrom: '2024-03-07',
        dateTo: '2024',
        partyIds: ['p1'],
        partyRole: [{ role: 'sender', partyId: 'p2' }, { role: 'sender', partyId: 'p3' }, { role: 'recipient', partyId: 'p4' }],
        eventIds: ['e1'],
        storyIds: ['s1', 's2'],
        requestIds: ['r1'],
      }),
    ).toEqual([
      'mediaType IN ["application/pdf", "message/rfc822"]',
      'language = "da"',
      'method = "ocr"',
      'dateNum >= 20240307',
      'dateNum <= 20241231',
      'partyIds = "p1"',
      'parties_sender IN ["p2", "p3"]',
      'parties_recipient = "p4"',
      'eventIds = "e1"',
      'storyIds IN ["s1", "s2"]',
      'requestId = "r1"',
    ]);
  });

  it('buildMeiliFilter — nothing set or empty lists — adds no expression', () => {
    expect(buildMeiliFilter({})).toEqual([]);
    expect(buildMeiliFilter({ mediaType: [], storyIds: [], dateFrom: '' })).toEqual([]);
  });

  it('buildMeiliFilter — a user — sees newsroom records, passed embargoes, and what they are named on (access.ts)', () => {
    expect(buildMeiliFilter({ access: { userId: 'u1', role: 'journalist', now: 1_700_000_000_000.7 } })).toEqual([
      '(accessLevel = "newsroom" OR (accessLevel = "embargoed" AND embargoUntil <= 1700000000000) OR allowedUserIds = "u1")',
    ]);
  });

  it('buildMeiliFilter — no user id (no viewer) — sees only what is open to the newsroom', () => {
    expect(buildMeiliFilter({ access: { userId: '', role: '', now: 5 } })).toEqual([
      '(accessLevel = "newsroom" OR (accessLevel = "embargoed" AND embargoUntil <= 5))',
    ]);
  });

  it('buildMeiliFilter — an admin — bypasses access and embargo', () => {
    expect(buildMeiliFilter({ access: { userId: 'u1', role: 'admin', now: 1 } })).toEqual([]);
  });

  it.each(NASTY)('buildMeiliFilter — a value like %j — stays one quoted value', (value) => {
    // An empty user id means "no viewer" (no named clause), so the user gets a value of its own there.
    const user = value === '' ? '\\' : value;
    const out = buildMeiliFilter({
      mediaType: [value, 'plain'],
      language: [value],
      partyRole: [{ role: 'cc', partyId: value }],
      access: { userId: user, role: 'editor', now: 5 },
    });
    const read = out.map(readFilter);
    expect(read.map((r) => r.shape)).toEqual([
      'mediaType IN ["?", "?"]',
      'language = "?"',
      'parties_cc = "?"',
      '(accessLevel = "?" OR (accessLevel = "?" AND embargoUntil <= 5) OR allowedUserIds = "?")',
    ]);
    expect(read.map((r) => r.values)).toEqual([[value, 'plain'], [value], [value], ['newsroom', 'embargoed', user]]);
  });

  it('quoteFilterValue — quotes and backslashes — are escaped with a backslash', () => {
    expect(quoteFilterValue('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
  });

  it('buildMeiliFilter — an unknown party role — is rejected', () => {
    expect(() => buildMeiliFilter({ partyRole: [{ role: 'x = 1 OR accessLevel', partyId: 'p' }] })).toThrow(/party role/);
  });

  it('buildMeiliFilter — a bad date or clock — is rejected', () => {
    for (const bad of ['2024-13-01', '2024-02-30', '7. marts', '2024-3-7', '20240307 OR 1', '0 TO 99999999']) {
      expect(() => buildMeiliFilter({ dateFrom: bad })).toThrow(/date/);
    }
    expect(() => buildMeiliFilter({ access: { userId: 'u', role: 'editor', now: NaN } })).toThrow();
  });

  it('filterAttribute — a name outside the allow-list — is rejected', () => {
    for (const name of FILTERABLE_ATTRIBUTES) expect(filterAttribute(name)).toBe(name);
    for (const bad of ['title', 'textFolded', 'parties_bcc', 'accessLevel = "newsroom" OR x', '']) expect(() => filterAttribute(bad)).toThrow(/filterable/);
  });

  it('dateNum — partial dates — widen to the first or last day', () => {
    expect(dateNum('2024', 'from')).toBe(20240101);
    expect(dateNum('2024-02', 'to')).toBe(20240229);
    expect(dateNum('2023-02', 'to')).toBe(20230228);
    expect(dateNum('2024-12-31', 'to')).toBe(20241231);
  });
});
