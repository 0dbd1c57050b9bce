import type { RequestHandler } from 'express';
import { pickLang, translate, type Lang } from '../i18n/messages';
import { readCookie } from './cookies';

/**
 * The one date and number format per language (Intl), plural forms and the language links. The
 * functions are pure and exported for tests; `setBasics` binds them to the request's language.
 */
const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

/**
 * One Intl formatter per language and form, built on first use: building one costs about 0.1 ms
 * (a date format; a number format or plural rules 20 µs), using it 1 µs, and a list page formats
 * hundreds of dates and numbers.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
const MONTH: Intl.DateTimeFormatOptions = { month: 'long', year: 'numeric', timeZone: 'UTC' };
const MOMENT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
const dateFormat = (lang: Lang, form: 'day' | 'month' | 'moment') =>
  formatter(`${lang} ${form}`, () => new Intl.DateTimeFormat(LOCALE[lang], form === 'day' ? DAY : form === 'month' ? MONTH : MOMENT));
const numberFormat = (lang: Lang, digits?: number) =>
  formatter(`${lang} number ${digits ?? ''}`, () => new Intl.NumberFormat(LOCALE[lang], digits === undefined ? {} : { maximumFractionDigits: digits }));

/** "28. september 2018" / "28 September 2018"; month precision "september 2018"; year "2018". */
export function formatDate(lang: Lang, iso: string | null | undefined, precision?: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!Number.isFinite(y)) return iso;
  if (precision === 'year' || !m) return String(y);
  const at = new Date(Date.UTC(y, m - 1, d || 1));
  if (Number.isNaN(at.getTime())) return iso;
  return dateFormat(lang, precision === 'month' || !d ? 'month' : 'day').format(at);
}

/** A moment (an ISO timestamp) with its time, in UTC as the server stores it: "28. sep. 2018, 14.05 UTC". */
export function formatDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = dateFormat(lang, 'moment').format(at);
  return `${text} UTC`;
}

export function formatNumber(lang: Lang, n: number): string {
  return numberFormat(lang).format(n);
}

export function formatSize(lang: Lang, bytes: number): string {
  const nf = (v: number, digits: number) => numberFormat(lang, digits).format(v);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 ** 2) return `${nf(bytes / 1024, 0)} KB`;
  if (bytes < 1024 ** 3) return `${nf(bytes / 1024 ** 2, 1)} MB`;
  return `${nf(bytes / 1024 ** 3, 1)} GB`;
}

/**
 * A counted phrase: `plural(lang, 'count.documents', 1)` → "1 dokument". The messages hold
 * `<key>.one` and `<key>.other` with `{n}`; Intl.PluralRules picks the form. `values` fill the
 * phrase's other placeholders ("Only the first {n} of {lines} lines …").
 */
export function plural(lang: Lang, key: string, n: number, values: Record<string, string | number> = {}): string {
  const form = formatter(`${lang} plural`, () => new Intl.PluralRules(LOCALE[lang])).select(n) === 'one' ? 'one' : 'other';
  let text = translate(lang, `${key}.${form}`).replace('{n}', formatNumber(lang, n));
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, typeof value === 'number' ? formatNumber(lang, value) : value);
  return text;
}

/** The same address in the other language: path and query kept, `lang` replaced. */
export function langHref(url: string, lang: Lang): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  params.delete('lang');
  params.set('lang', lang);
  return `${path || '/'}?${params.toString()}`;
}

/**
 * What the layout (views/partials/head.ejs) needs to render at all. The error handler calls this too,
 * so an error raised before `viewHelpers` ran (a body that is not JSON, a path that is not
 * %-decodable) still renders our error page instead of failing inside it.
 */
export function setBasics(locals: Record<string, unknown>, lang: Lang, path: string, url?: string): void {
  locals.lang = lang;
  locals.t = (key: string) => translate(lang, key);
  locals.currentPath = typeof path === 'string' ? path : '/';
  const here = typeof url === 'string' && url.startsWith('/') ? url : (locals.currentPath as string);
  locals.langHref = (to: Lang) => langHref(here, to);
  // Where a form on this page sends people back to (the bulk bar's result page).
  locals.currentUrl = here;
  locals.formatDate = (iso: string | null, precision?: string | null) => formatDate(lang, iso, precision);
  locals.formatDateTime = (iso: string | null) => formatDateTime(lang, iso);
  locals.formatNumber = (n: number) => formatNumber(lang, n);
  locals.formatSize = (bytes: number) => formatSize(lang, bytes);
  locals.plural = (key: string, n: number, values?: Record<string, string | number>) => plural(lang, key, n, values);
}

/** Binds the helpers to the language chosen by `?lang=`, the cookie or the browser. */
export const viewHelpers: RequestHandler = (req, res, next) => {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'da' || asked === 'en') res.cookie('kilde_lang', asked, { sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 * 1000 });
  const lang = pickLang(asked ?? readCookie(req, 'kilde_lang'), req.headers['accept-language']);
  setBasics(res.locals, lang, req.path, req.originalUrl);
  next();
};
