import type { Db } from '../../db/connection';
import type { LetterKind } from '../core/requests.schema';
import type { LetterLang } from './letters.templates';

/** The newsroom's own version of each letter template (the shipped wording is `letters.templates.ts`). */
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
