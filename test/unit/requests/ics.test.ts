import { buildCalendar, escapeText, foldLine } from '../../../server/requests/feeds/ics';


/**
 * A small iCalendar reader for the tests, strict where the writer must be: CRLF only, physical lines
 * of at most 75 octets, folding by CRLF + space, balanced BEGIN/END, required properties present.
 */
interface Prop { params: Record<string, string>; value: string; text: string }
function parseIcs(ics: string): { props: Record<string, string>; events: Array<Record<string, Prop>> } {
  if (!ics.endsWith('\r\n')) throw new Error('the calendar must end with CRLF');
  const physical = ics.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    if (/[\r\n]/.test(line)) throw new Error(`bare CR or LF in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${line}`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!logical.length) throw new Error('a continuation line cannot come first');
      logical[logical.length - 1] += line.slice(1);
    } else logical.push(line);
  }
  const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  const parse = (line: string): [string, Prop] => {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*))*):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const params: Record<string, string> = {};
    for (const p of m[2].split(';').slice(1)) { const [k, v] = p.split('='); params[k.toUpperCase()] = v; }
    return [m[1].toUpperCase(), { params, value: m[3], text: unescape(m[3]) }];
  };
  const stack: string[] = [];
  const props: Record<string, string> = {};
  const events: Array<Record<string, Prop>> = [];
  let current: Record<string, Prop> | null = null;
  for (const line of logical) {
    const [name, prop] = parse(line);
    if (name === 'BEGIN') {
      stack.push(prop.value);
      if (prop.value === 'VEVENT') current = {};
    } else if (name === 'END') {
      if (stack.pop() !== prop.value) throw new Error(`unbalanced END:${prop.value}`);
      if (prop.value === 'VEVENT') {
        for (const required of ['UID', 'DTSTAMP', 'DTSTART']) if (!current?.[required]) throw new Error(`VEVENT without ${required}`);
        if (!/^\d{8}$/.test(current!.DTSTART.value) || current!.DTSTART.params.VALUE !== 'DATE') throw new Error('not an all-day date');
        if (!/^\d{8}T\d{6}Z$/.test(current!.DTSTAMP.value)) throw new Error('DTSTAMP must be UTC date-time');
        events.push(current!);
        current = null;
      }
    } else if (stack[stack.length - 1] === 'VEVENT') current![name] = prop;
    else if (stack[stack.length - 1] === 'VCALENDAR') props[name] = prop.text;
  }
  if (stack.length || logical[0] !== 'BEGIN:VCALENDAR') throw new Error('not one VCALENDAR');
  for (const required of ['VERSION', 'PRODID']) if (!props[required]) throw new Error(`VCALENDAR without ${required}`);
  return { props, events };
}

const STAMP = new Date('2018-07-11T10:00:00Z');

describe('iCalendar writer', () => {
  test('ics — one all-day deadline — parses back with every required property', () => {
    const text = buildCalendar({
      name: 'Kilde — FOI deadlines',
      stamp: STAMP,
      events: [{ uid: 'req_abc.response@kilde', date: '2018-07-09', summary: 'Svar senest: STAR — Cloud', description: 'line one\nline two', url: 'https://kilde.example/requests/req_abc' }],
    });
    const cal = parseIcs(text);
    expect(cal.props.VERSION).toBe('2.0');
    expect(cal.props.PRODID).toBeTruthy();
    expect(cal.events).toHaveLength(1);
    const e = cal.events[0];
    expect(e.UID.value).toBe('req_abc.response@kilde');
    expect(e.DTSTAMP.value).toBe('20180711T100000Z');
    expect([e.DTSTART.params, e.DTSTART.value]).toEqual([{ VALUE: 'DATE' }, '20180709']);
    expect([e.DTEND.params, e.DTEND.value]).toEqual([{ VALUE: 'DATE' }, '20180710']);
    expect(e.SUMMARY.text).toBe('Svar senest: STAR — Cloud');
    expect(e.DESCRIPTION.text).toBe('line one\nline two');
    expect(e.URL.value).toBe('https://kilde.example/requests/req_abc');
  });

  test('ics — every line — ends with CRLF and no bare LF or CR appears', () => {
    const text = buildCalendar({ name: 'x', stamp: STAMP, events: [{ uid: 'u', date: '2018-12-31', summary: 'a\nb\rc' }] });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // The year turns over in DTEND.
    expect(parseIcs(text).events[0].DTEND.value).toBe('20190101');
  });

  test('ics — a long Danish summary — is folded at 75 octets without splitting a character', () => {
    const summary = 'Afgørelse, eller besked om forsinkelse med begrundelse og forventet tidspunkt: Styrelsen for Arbejdsmarked og Rekruttering — æøå ÆØÅ — personfølsomme data i Holland';
    const text = buildCalendar({ name: 'x', stamp: STAMP, events: [{ uid: 'u', date: '2018-07-09', summary }] });
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    // No replacement characters: folding never cut a multi-byte character in two.
    for (const line of lines) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    expect(parseIcs(text).events[0].SUMMARY.text).toBe(summary);
  });

  test('ics — text with comma, semicolon, backslash and newline — is escaped and reads back the same', () => {
    const hostile = 'a,b;c\\d\ne "quoted" <script>alert(1)</script> ; DROP TABLE requests;--';
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const text = buildCalendar({ name: hostile, stamp: STAMP, events: [{ uid: 'u,1', date: '2018-07-09', summary: hostile, description: hostile, categories: ['FOI', 'x,y'] }] });
    const cal = parseIcs(text);
    expect(cal.events[0].SUMMARY.text).toBe(hostile);
    expect(cal.events[0].DESCRIPTION.text).toBe(hostile);
    expect(cal.events[0].UID.text).toBe('u,1');
    // A newline in a value can never start a new property.
    expect(text).not.toMatch(/\r\ne "quoted"/);
  });

  test('ics — folding — keeps short lines whole and splits exactly at the limit', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const seventyFive = 'X'.repeat(75);
    expect(foldLine(seventyFive)).toBe(seventyFive);
    const folded = foldLine('X'.repeat(76));
    expect(folded).toBe(`${'X'.repeat(75)}\r\n X`);
    const danish = foldLine('ø'.repeat(40)); // 80 octets
    const [first, second] = danish.split('\r\n');
    expect(Buffer.byteLength(first)).toBe(74);
    expect(second).toBe(' ' + 'ø'.repeat(3));
  });

  test('ics — no events — is still a valid calendar', () => {
    const cal = parseIcs(buildCalendar({ name: 'empty', stamp: STAMP, events: [] }));
    expect(cal.events).toEqual([]);
    expect(cal.props['X-WR-CALNAME']).toBe('empty');
  });
});
