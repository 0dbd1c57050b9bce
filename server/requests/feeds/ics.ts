/**
 * A minimal iCalendar (RFC 5545) writer for all-day deadline events. Written by hand because the
 * rules that matter are few and exact:
 * - lines end with CRLF (§3.1);
 * - content lines longer than 75 octets are folded: CRLF followed by one space, never splitting a
 *   UTF-8 character (§3.1);
 * - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
 * - every VEVENT has UID and DTSTAMP (§3.6.1); an all-day event is DTSTART;VALUE=DATE with
 *   DTEND the next day (exclusive end, §3.6.1).
 */
export interface IcsEvent {
  uid: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  /** DTSTAMP of every event: when the feed was generated. */
  stamp: Date;
  events: IcsEvent[];
}

export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters are not allowed in TEXT (§3.1); drop them.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds one content line into chunks of at most 75 octets (continuations start with a space). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; a continuation holds 74 after its leading space.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const compactDate = (d: string): string => d.replace(/-/g, '');

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function buildCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kilde//FOI deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  const stamp = utcStamp(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      'TRANSP:TRANSPARENT',
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    // URI values are not TEXT: no escaping, but they must not carry line breaks.
    if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, '')}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
