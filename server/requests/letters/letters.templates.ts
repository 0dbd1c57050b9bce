import fs from 'node:fs';
import path from 'node:path';
import type { LetterKind } from '../core/requests.schema';

/**
 * The letter templates: the wording shipped with Kilde (`templates/<kind>.<lang>.txt`, plain text so
 * anyone can propose a change) and the newsroom's own version of each, kept in the database.
 * The shipped files are read from the source tree, like the views, so a build needs no copy step;
 * the newsroom's versions live in `letters.templates.repository.ts`.
 */
export type LetterLang = 'da' | 'en';
export const LETTER_LANGS: readonly LetterLang[] = ['da', 'en'];

const TEMPLATE_DIR = __dirname.includes(`${path.sep}dist${path.sep}`)
  ? path.resolve(__dirname, '../../../../server/requests/letters/templates')
  : path.join(__dirname, 'templates');

const shipped = new Map<string, string>();

export function shippedTemplate(kind: LetterKind, lang: LetterLang): string {
  const key = `${kind}.${lang}`;
  let text = shipped.get(key);
  if (text === undefined) {
    text = fs.readFileSync(path.join(TEMPLATE_DIR, `${key}.txt`), 'utf8');
    shipped.set(key, text);
  }
  return text;
}
