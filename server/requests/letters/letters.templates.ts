import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { LetterKind } from '../requests.schema';

/**
 * The letter templates: the wording shipped with Kilde (`templates/<kind>.<lang>.txt`, plain text so
 * anyone can propose a change) and the newsroom's own version of each, kept in the database.
 * The shipped files are read from the source tree, like the views, so a build needs no copy step.
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

export interface StoredTemplate {
  kind: LetterKind;
  lang: LetterLang;
  body: string;
  updatedBy: string | null;
  updatedAt: string;
}

export function createLetterTemplatesRepository(db: Db) {
  return {
    get(kind: LetterKind, lang: LetterLang): StoredTemplate | null {
      return (db.prepare(
        'SELECT kind, lang, body, updated_by AS updatedBy, updated_at AS updatedAt FROM request_letter_templates WHERE kind = ? AND lang = ?',
      ).get(kind, lang) as StoredTemplate | undefined) ?? null;
    },
    set(kind: LetterKind, lang: LetterLang, body: string, by: string | null, now: string): void {
      db.prepare(
        `INSERT INTO request_letter_templates (kind, lang, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, lang) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(kind, lang, body, by, now);
    },
    remove(kind: LetterKind, lang: LetterLang): boolean {
      return db.prepare('DELETE FROM request_letter_templates WHERE kind = ? AND lang = ?').run(kind, lang).changes > 0;
    },
  };
}

export type LetterTemplatesRepository = ReturnType<typeof createLetterTemplatesRepository>;
