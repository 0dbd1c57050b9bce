import type { RequestHandler } from 'express';
import { pickLang, translate } from '../i18n/messages';

function cookie(header: string | undefined, name: string): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(header ?? '');
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** Small formatting helpers every view may use (dates, sizes, the current URL for language links). */
export const viewHelpers: RequestHandler = (req, res, next) => {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'da' || asked === 'en') res.cookie('kilde_lang', asked, { sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 * 1000 });
  const lang = pickLang(asked ?? cookie(req.headers.cookie, 'kilde_lang'), req.headers['accept-language']);
  res.locals.lang = lang;
  res.locals.t = (key: string) => translate(lang, key);
  res.locals.currentPath = req.path;
  res.locals.formatSize = (bytes: number) =>
    bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  res.locals.formatDate = (iso: string | null, precision?: string | null) => {
    if (!iso) return '';
    const [y, m, d] = iso.slice(0, 10).split('-');
    if (precision === 'year' || !m) return y;
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
    if (precision === 'month' || !d) return `${month} ${y}`;
    return `${Number(d)} ${month} ${y}`;
  };
  next();
};
