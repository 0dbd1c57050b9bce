import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { embargoInstant } from '../documents/documents.schema';
import { parsePartialDate } from '../lib/dates';
import { PARTY_KINDS, type PartyKind } from '../story';
import type { AccessChoice, PartyRef } from './import.types';

/**
 * Sidecar metadata: a CSV or JSON file that describes the files beside it. The format (also in
 * `kilde import --help` and the README):
 *
 * - A file named `kilde-import.csv` or `kilde-import.json` in any folder of an import (or of a zip
 *   given to it) describes files in that folder and below; `--metadata FILE` gives one for the
 *   whole import, its paths relative to the folder or zip named on the command line.
 * - CSV: a header row; columns separated by commas or semicolons (as spreadsheets in Danish save
 *   them); UTF-8, a byte-order mark is fine. JSON: an array of objects, or `{ "files": [...] }`.
 * - Columns / keys: `path` (required: the file, `/`-separated), `title`, `date` (2018-09-28,
 *   2018-09 or 2018), `sender`, `recipient` (party names or ids; several separated by `;`, or a
 *   JSON array; `authority:STAR` creates an authority when no party has that name — without a kind
 *   a new party is an organisation), `story` (id or title), `request` (FOI request id, our
 *   reference, the authority's reference or its subject), `access` (newsroom, restricted,
 *   embargoed), `users` (names or ids, separated by `;` or `,`), `embargo_until`, `notes`.
 *   An empty cell means "not given"; an unknown column is an error (it is usually a typo).
 * A sidecar value wins over the command line's for that file; access given in a row replaces
 * the command line's access as a whole.
 */
export const SIDECAR_NAMES = ['kilde-import.csv', 'kilde-import.json'] as const;

export const isSidecarName = (name: string): boolean => (SIDECAR_NAMES as readonly string[]).includes(name.toLowerCase());

export interface SidecarEntry {
  path: string;
  title?: string;
  date?: string;
  notes?: string;
  story?: string;
  request?: string;
  senders: PartyRef[];
  recipients: PartyRef[];
  /** Only when the row gives access. */
  access?: AccessChoice;
  /** Where it was written, for messages: `kilde-import.csv line 4`. */
  origin: string;
}

/** A sidecar that cannot be used: the message names the file, the line and the problem. */
export class SidecarError extends Error {}

const COLUMNS = ['path', 'title', 'date', 'sender', 'recipient', 'story', 'request', 'access', 'users', 'embargo_until', 'notes'] as const;
type Column = (typeof COLUMNS)[number];
const ALIASES: Record<string, Column> = {
  file: 'path', filename: 'path', senders: 'sender', from: 'sender', recipients: 'recipient', to: 'recipient',
  foi_request: 'request', request_id: 'request', embargo: 'embargo_until', embargountil: 'embargo_until',
};

function columnOf(header: string): Column | null {
  const key = header.trim().replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/[\s-]+/g, '_');
  if ((COLUMNS as readonly string[]).includes(key)) return key as Column;
  return ALIASES[key] ?? ALIASES[key.replace(/_/g, '')] ?? null;
}

/** A text cell or JSON value: a string, a number, or (for lists) an array of strings. */
const cell = z.union([z.string(), z.number().transform(String), z.array(z.string()), z.null()]).optional()
  .transform((v) => (v === null || v === undefined ? undefined : Array.isArray(v) ? v.map((s) => s.trim()).filter(Boolean) : v.trim() || undefined));

const list = (v: string | string[] | undefined, separators: RegExp): string[] =>
  v === undefined ? [] : [...new Set((Array.isArray(v) ? v : v.split(separators)).map((s) => s.trim()).filter(Boolean))];

const one = (v: string | string[] | undefined, column: string): string | undefined => {
  if (Array.isArray(v)) {
    if (v.length > 1) throw new Error(`${column} takes one value`);
    return v[0];
  }
  return v;
};

const embargo = embargoInstant('embargo_until must be a date and time, e.g. 2026-12-01T06:00:00Z (or a day, 2026-12-01)');

export function partyRef(value: string): PartyRef {
  if (/^pty_[A-Za-z0-9_-]{10,40}$/.test(value)) return { partyId: value };
  const m = /^([a-z]+):\s*(.+)$/i.exec(value);
  if (m && (PARTY_KINDS as readonly string[]).includes(m[1].toLowerCase())) return { name: m[2].trim(), kind: m[1].toLowerCase() as PartyKind };
  return { name: value, kind: 'organisation' };
}

/** The access a row asks for, checked the way an upload's access fields are; undefined when it gives none. */
function rowAccess(level: string | undefined, users: string[], embargoUntil: string | undefined): AccessChoice | undefined {
  if (level === undefined && users.length === 0 && embargoUntil === undefined) return undefined;
  const lvl = level?.toLowerCase() ?? (embargoUntil ? 'embargoed' : 'restricted');
  if (lvl !== 'newsroom' && lvl !== 'restricted' && lvl !== 'embargoed') throw new Error(`access must be newsroom, restricted or embargoed (got "${level}")`);
  if (lvl === 'newsroom' && (users.length || embargoUntil)) throw new Error('a newsroom document names no users and has no embargo');
  if (lvl === 'embargoed' && !embargoUntil) throw new Error('an embargoed file needs embargo_until');
  let until: string | null = null;
  if (embargoUntil) {
    if (lvl !== 'embargoed') throw new Error('embargo_until goes with access embargoed');
    const parsed = embargo.safeParse(embargoUntil);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    until = parsed.data;
  }
  return { level: lvl, users, embargoUntil: until };
}

/** Normalises a path as written in a sidecar or found on disk, so the two compare equal. */
export function normalPath(p: string): string {
  return p.normalize('NFC').replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/').replace(/^\/+|\/+$/g, '');
}

function entryOf(raw: Record<string, unknown>, origin: string): SidecarEntry {
  const v: Partial<Record<Column, string | string[]>> = {};
  for (const [header, value] of Object.entries(raw)) {
    const column = columnOf(header);
    if (!column) throw new Error(`unknown column "${header}" (columns: ${COLUMNS.join(', ')})`);
    const parsed = cell.safeParse(value);
    if (!parsed.success) throw new Error(`${column} must be text`);
    if (parsed.data !== undefined) v[column] = parsed.data;
  }
  const path = one(v.path, 'path');
  if (!path) throw new Error('path is missing');
  const title = one(v.title, 'title');
  if (title && title.length > 500) throw new Error('title is longer than 500 characters');
  const notes = one(v.notes, 'notes');
  if (notes && notes.length > 20_000) throw new Error('notes are longer than 20,000 characters');
  const date = one(v.date, 'date');
  if (date) parsePartialDate(date);
  return {
    path: normalPath(path),
    title,
    date,
    notes,
    story: one(v.story, 'story'),
    request: one(v.request, 'request'),
    senders: list(v.sender, /;/).map(partyRef),
    recipients: list(v.recipient, /;/).map(partyRef),
    access: rowAccess(one(v.access, 'access'), list(v.users, /[;,]/), one(v.embargo_until, 'embargo_until')),
    origin,
  };
}

/** Parses a sidecar (by its name's extension); every problem is a SidecarError naming the line. */
export function parseSidecar(text: string, name: string): SidecarEntry[] {
  const rows = name.toLowerCase().endsWith('.json') ? jsonRows(text, name) : csvRows(text, name);
  const entries: SidecarEntry[] = [];
  const seen = new Map<string, string>();
  for (const { record, origin } of rows) {
    let entry: SidecarEntry;
    try {
      entry = entryOf(record, origin);
    } catch (err) {
      throw new SidecarError(`${origin}: ${(err as Error).message}`);
    }
    const before = seen.get(entry.path);
    if (before) throw new SidecarError(`${origin}: ${entry.path} is described twice (also at ${before.replace(/^.*? (line|entry) /, '$1 ')})`);
    seen.set(entry.path, origin);
    entries.push(entry);
  }
  return entries;
}

function csvRows(text: string, name: string): Array<{ record: Record<string, unknown>; origin: string }> {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets set to Danish save CSV with semicolons; the header row tells which one it is.
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const rows = parseCsv(text, { bom: true, columns: true, delimiter, skip_empty_lines: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return rows.map((r) => ({ record: r.record, origin: `${name} line ${r.info.lines}` }));
  } catch (err) {
    throw new SidecarError(`${name}: not a readable CSV file (${(err as Error).message})`);
  }
}

function jsonRows(text: string, name: string): Array<{ record: Record<string, unknown>; origin: string }> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SidecarError(`${name}: not valid JSON (${(err as Error).message})`);
  }
  const files = Array.isArray(data) ? data : (data as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new SidecarError(`${name}: expected an array of files, or { "files": [...] }`);
  return files.map((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new SidecarError(`${name} entry ${i + 1}: expected an object with "path"`);
    return { record: record as Record<string, unknown>, origin: `${name} entry ${i + 1}` };
  });
}
