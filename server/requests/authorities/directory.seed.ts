/**
 * Loads the FOI authority directory from the data files in this folder (`kilde seed`). Idempotent:
 * a row the files do not know is added, a row whose data changed is updated, the rest is left as
 * it is. A field a person changed through the API (`edited_fields`) is never overwritten; the
 * report lists it as kept, so the newsroom can see where its edit and the data now differ.
 * Rows that are no longer in the files stay (requests and parties may point at them).
 */
import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { DirectoryField, DirectorySeedRow, LawRepository } from '../core/requests.law.repository';
import dkAuthorities from './dk-authorities.json';

const CATEGORIES = ['ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other'] as const;

const fileSchema = z.object({
  sources: z.partialRecord(z.enum(CATEGORIES), z.string().min(1)),
  authorities: z.array(z.object({
    key: z.string().regex(/^[a-z0-9_]{1,100}$/),
    name: z.string().trim().min(1),
    category: z.enum(CATEGORIES),
    appealBody: z.string().regex(/^[a-z0-9_]{1,100}$/).nullable(),
    // Where this entry was checked, for readers of the file. The row's source stays the category's
    // (migration 010 seeds it that way, so a first `kilde seed` finds nothing to change).
    source: z.string().trim().min(1).optional(),
    notes: z.string().trim().min(1).optional(),
  })).min(1),
});

/** The data files and what they are called in reports. */
export const DIRECTORY_FILES: ReadonlyArray<{ file: string; data: unknown }> = [{ file: 'dk-authorities.json', data: dkAuthorities }];

/** The rows of one data file, validated: unique keys, and every appeal body a key of the file. */
export function directoryRows(file: string, data: unknown): DirectorySeedRow[] {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  const { sources, authorities } = parsed.data;
  const keys = new Set<string>();
  for (const a of authorities) {
    if (keys.has(a.key)) throw new Error(`${file} lists the key "${a.key}" twice`);
    keys.add(a.key);
  }
  for (const a of authorities) {
    if (a.appealBody && !keys.has(a.appealBody)) throw new Error(`${file}: the appeal body "${a.appealBody}" of "${a.key}" is not in the file`);
  }
  return authorities.map((a) => ({ key: a.key, name: a.name, category: a.category, appealBodyKey: a.appealBody, source: sources[a.category] ?? '' }));
}

export interface SeedReport {
  added: string[];
  updated: Array<{ key: string; fields: string[] }>;
  unchanged: number;
  /** fields the data would change but a person edited: left as the person set them. */
  kept: Array<{ key: string; fields: DirectoryField[] }>;
}

type SeedField = keyof Omit<DirectorySeedRow, 'key'>;

/** Loads the rows into the directory in one transaction (all or nothing). */
export function seedDirectory(deps: { db: Db; law: LawRepository; now: string }, rows: DirectorySeedRow[]): SeedReport {
  const { db, law, now } = deps;
  const report: SeedReport = { added: [], updated: [], unchanged: 0, kept: [] };
  db.transaction(() => {
    const current = new Map(law.directory().map((d) => [d.key, d]));
    // First every row exists (appeal bodies refer to other rows), then the fields are compared.
    for (const row of rows) {
      if (!current.has(row.key)) {
        law.insertDirectory(row, now);
        report.added.push(row.key);
      }
    }
    for (const row of rows) {
      const before = current.get(row.key);
      const isNew = !before;
      const edited = new Set(before?.editedFields ?? []);
      const want: Record<SeedField, string | null> = { name: row.name, category: row.category, appealBodyKey: row.appealBodyKey, source: row.source };
      const have: Record<SeedField, string | null> = before
        ? { name: before.name, category: before.category, appealBodyKey: before.appealBodyKey, source: before.source }
        : { name: row.name, category: row.category, appealBodyKey: null, source: row.source };
      const change: Partial<Record<SeedField, string | null>> = {};
      const kept: DirectoryField[] = [];
      for (const f of Object.keys(want) as SeedField[]) {
        if (want[f] === have[f]) continue;
        if ((f === 'name' || f === 'appealBodyKey') && edited.has(f)) kept.push(f);
        else change[f] = want[f];
      }
      law.seedDirectoryFields(row.key, change, now);
      if (kept.length) report.kept.push({ key: row.key, fields: kept });
      if (!isNew) {
        if (Object.keys(change).length) report.updated.push({ key: row.key, fields: Object.keys(change) });
        else report.unchanged++;
      }
    }
  })();
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  return { ...report, added: report.added.sort(), updated: report.updated.sort(byKey), kept: report.kept.sort(byKey) };
}
