import { escapeHtml, findMatches, highlight, highlightAll } from '../../../search/highlight';
import { parseQuery } from '../../../search/query/parse';

const q = parseQuery;
/** Text between the marks must carry no markup of its own. */
const markupOutsideMarks = (html: string) => html.replace(/<\/?mark>/g, '').match(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/g);

describe('highlight', () => {
  it('highlight — Danish spellings — mark the original text', () => {
    const { snippet, hits } = highlight('Mødet i Ålborg og Aalborg.', q('aalborg '));
    expect(snippet).toBe('Mødet i <mark>Ålborg</mark> og <mark>Aalborg</mark>.');
    expect(hits).toBe(2);
  });

  it('highlight — a phrase — is marked as one span, only where the words are consecutive', () => {
    const text = 'Aarhus og Kommune. Aarhus Kommune, aarhus\nkommune';
    expect(highlightAll(text, q('"aarhus kommune"'))).toBe(
      'Aarhus og Kommune. <mark>Aarhus Kommune</mark>, <mark>aarhus\nkommune</mark>',
    );
  });

  it('highlight — a prefix or last term — marks the whole word', () => {
    expect(highlight('Skattestyrelsen skriver', q('skat')).snippet).toBe('<mark>Skattestyrelsen</mark> skriver');
    expect(highlight('Skattestyrelsen skriver', q('skat* ')).snippet).toBe('<mark>Skattestyrelsen</mark> skriver');
    expect(highlight('Skattestyrelsen skriver', q('skat ')).hits).toBe(0);
  });

  it('highlight — typo matches passed as matched — are marked too', () => {
    expect(highlight('personfølsomme data', q('personfølsome '), { matched: ['personfoelsomme'] }).snippet).toBe(
      '<mark>personfølsomme</mark> data',
    );
  });

  it('highlight — excluded words — are not marked', () => {
    expect(highlight('skat og moms', q('skat -moms')).snippet).toBe('<mark>skat</mark> og moms');
  });

  it('highlight — HTML in the text — is escaped, including in and around marks', () => {
    const text = `<img src=x onerror=alert(1)> Tom & "Jerry's" <b>img</b>`;
    const { snippet } = highlight(text, q('img onerror '));
    expect(snippet).toBe(
      '&lt;<mark>img</mark> src=x <mark>onerror</mark>=alert(1)&gt; Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;<mark>img</mark>&lt;/b&gt;',
    );
    expect(markupOutsideMarks(snippet)).toBeNull();
    expect(markupOutsideMarks(highlightAll(text, q('script img')))).toBeNull();
  });

  it('highlight — hostile queries — never produce markup', () => {
    const text = 'a <script>alert("x")</script> & b';
    for (const query of ['<script>', '"><img src=x>', "' OR 1=1 --", 'mark', '&amp;', 'lt gt quot']) {
      expect(markupOutsideMarks(highlight(text, q(query)).snippet)).toBeNull();
      expect(markupOutsideMarks(highlightAll(text, q(query)))).toBeNull();
    }
  });

  it('highlight — a long text — shows the densest window with ellipses', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `ord${i}`).join(' ');
    const text = `${filler(60)} skat her ${filler(10)} skat og moms her ${filler(60)} moms`;
    const { snippet, hits } = highlight(text, q('skat moms '), { maxChars: 80 });
    expect(hits).toBe(4);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>skat</mark> og <mark>moms</mark>');
    expect(snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(82);
    // Words are not cut: every word in the snippet is whole.
    for (const w of snippet.replace(/<\/?mark>|…/g, '').split(' ')) expect(w).toMatch(/^(ord\d+|skat|og|moms|her)$/);
  });

  it('highlight — no match — shows the beginning of the text', () => {
    const { snippet, hits } = highlight('Første linje\n\n  anden   linje '.repeat(30), q('xyz'), { maxChars: 40 });
    expect(hits).toBe(0);
    expect(snippet.startsWith('Første linje anden linje')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('highlight — a short text with a match — has no ellipses', () => {
    expect(highlight('  skat  ', q('skat ')).snippet).toBe('<mark>skat</mark>');
  });

  it('highlight — one endless word or emoji — is cut without breaking a character', () => {
    const { snippet } = highlight('😀'.repeat(500), q('x'), { maxChars: 41 });
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(highlight('', q('x'))).toEqual({ snippet: '', hits: 0 });
  });

  it('findMatches — overlapping term and phrase — merge into one span', () => {
    const spans = findMatches('Aarhus Kommune', q('aarhus "aarhus kommune" '));
    expect(spans.map(({ start, end }) => [start, end])).toEqual([[0, 14]]);
  });

  it('escapeHtml — the five special characters — become entities', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
