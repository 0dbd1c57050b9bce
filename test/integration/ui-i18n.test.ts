import fs from 'node:fs';
import path from 'node:path';
import { MESSAGES } from '../../server/i18n/messages';
import { ERROR_CODES } from '../../server/lib/errors';
import { formatDate, formatDateTime, formatNumber, langHref, plural } from '../../server/http/view-helpers';
import { suiteKilde } from '../helpers/kilde';

/**
 * Danish all through: every interface string in both languages, every key a view asks for
 * present, one date and number format per language, plural forms, and the language switch that
 * keeps the page and its query.
 */
const ROOT = path.resolve(__dirname, '../..');

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));
}

describe('interface language — messages', () => {
  test('every message — has an English and a Danish text', () => {
    const missing = Object.entries(MESSAGES).flatMap(([key, m]) => [...(m.en?.trim() ? [] : [`${key} (en)`]), ...(m.da?.trim() ? [] : [`${key} (da)`])]);
    expect(missing).toEqual([]);
  });

  test('every key a view asks for by name — exists in both languages', () => {
    const missing: string[] = [];
    for (const file of viewFiles(path.join(ROOT, 'views'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.-]+)'\)/g)) {
        if (!MESSAGES[m[1]]) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('keys built from a value in the views — every value has its message', () => {
    const families: Record<string, readonly string[]> = {
      'status.': ['queued', 'extracting', 'extractingPage', 'needsPassword', 'failed', 'ready.one', 'ready.other'],
      'list.status.': ['ready', 'queued', 'extracting', 'needs_password', 'failed'],
      'list.sort.': ['added_desc', 'added_asc', 'date_desc', 'date_asc', 'title'],
      'doc.access.': ['newsroom', 'restricted', 'embargoed'],
      'error.': ERROR_CODES,
      'bulk.': ['tag', 'story', 'request', 'access', 'delete'],
      'lang.': ['da', 'en', 'de', 'sv', 'no', 'fr'],
    };
    const missing = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => prefix + v).filter((k) => !MESSAGES[k]));
    expect(missing).toEqual([]);
  });

  test('counted phrases — each has its singular and plural form with the number', () => {
    const ones = Object.keys(MESSAGES).filter((k) => k.startsWith('count.') && k.endsWith('.one'));
    expect(ones.length).toBeGreaterThan(3);
    for (const one of ones) {
      const other = one.replace(/\.one$/, '.other');
      expect(MESSAGES[other]).toBeDefined();
      for (const lang of ['en', 'da'] as const) {
        expect(MESSAGES[one][lang]).toContain('{n}');
        expect(MESSAGES[other][lang]).toContain('{n}');
      }
    }
  });
});

describe('interface language — formats', () => {
  test('dates — one format per language, with the precision they have', () => {
    expect(formatDate('da', '2018-09-28', 'day')).toBe('28. september 2018');
    expect(formatDate('en', '2018-09-28', 'day')).toBe('28 September 2018');
    expect(formatDate('da', '2018-09', 'month')).toBe('september 2018');
    expect(formatDate('en', '2018-09', 'month')).toBe('September 2018');
    expect(formatDate('da', '2018', 'year')).toBe('2018');
    expect(formatDate('da', '2026-03-01T09:05:00.000Z')).toBe('1. marts 2026');
    expect(formatDateTime('da', '2026-03-01T09:05:00.000Z')).toMatch(/^1\. mar\.? 2026.*09[.:]05 UTC$/);
    expect(formatDate('en', null)).toBe('');
  });

  test('numbers and plurals — "1 dokument", "1.234 dokumenter", "1 document"', () => {
    expect(plural('da', 'count.documents', 1)).toBe('1 dokument');
    expect(plural('da', 'count.documents', 1234)).toBe('1.234 dokumenter');
    expect(plural('en', 'count.documents', 1)).toBe('1 document');
    expect(plural('en', 'count.documents', 0)).toBe('0 documents');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
  });

  test('language links — keep the path and the whole query, replace only lang', () => {
    expect(langHref('/search?q=personf%C3%B8lsomme+data&type=pdf&lang=da', 'en')).toBe('/search?q=personf%C3%B8lsomme+data&type=pdf&lang=en');
    expect(langHref('/documents/doc_abc', 'da')).toBe('/documents/doc_abc?lang=da');
    expect(langHref('/', 'en')).toBe('/?lang=en');
  });
});

describe('interface language — pages', () => {
  const t = suiteKilde();

  test('the language switch — on a page with a query — links to the same page and query in the other language', async () => {
    const res = await t.http.get('/documents?q=brev&sort=title&lang=da');
    expect(res.text).toContain('href="/documents?q=brev&amp;sort=title&amp;lang=en"');
    expect(res.text).toContain('lang="da"');
  });

  test('error pages — a missing document — in Danish with a Danish heading, in English in English', async () => {
    const da = await t.http.get('/documents/doc_doesnotexist000?lang=da');
    expect(da.status).toBe(404);
    expect(da.text).toContain('Ikke fundet');
    expect(da.text).toContain('Siden eller elementet findes ikke');
    const en = await t.http.get('/documents/doc_doesnotexist000?lang=en');
    expect(en.text).toContain('Not found');
  });

  test('empty states — the documents list and the desk — say what to do, in Danish', async () => {
    const list = await t.http.get('/documents?lang=da');
    expect(list.text).toContain('Arkivet er tomt');
    expect(list.text).toContain('(0 dokumenter)');
    const home = await t.http.get('/?lang=da');
    expect(home.text).toContain('Intet af dit er overskredet');
    const filtered = await t.http.get('/documents?q=findesikke&lang=da');
    expect(filtered.text).toContain('Ingen dokumenter passer til filtrene');
  });
});
