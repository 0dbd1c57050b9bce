import { parse } from '../http/validate';
import { parsePartialDate } from '../lib/dates';
import { metadataForm } from './documents.schema';
import type { MetadataPatch } from './documents.service';

/** The metadata form or JSON body as a patch: absent fields stay, an empty date clears it. */
export function metadataPatch(body: unknown): MetadataPatch {
  const f = parse(metadataForm, body ?? {});
  return {
    title: f.title,
    documentDate: f.date === undefined ? undefined : f.date.trim() === '' ? null : parsePartialDate(f.date),
    notes: f.notes,
    language: f.language,
    tags: f.tags,
  };
}
