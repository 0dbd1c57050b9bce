import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../server/cli/kilde';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import { removeDir, startTestKilde } from '../helpers/kilde';

/**
 * `kilde seed` reloads the FOI authority directory from its data file: idempotent, reports what it
 * added, updated and left alone, and never overwrites a field someone edited through the API.
 */
let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-seed-'));
  env = { KILDE_DATA_DIR: path.join(dir, 'data'), KILDE_UPLOADS_DIR: path.join(dir, 'uploads'), KILDE_LOG_LEVEL: 'silent' };
});
afterEach(() => removeDir(dir));

async function kilde(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), env });
  return { code, out, err };
}

/** The directory rows, read straight from the database file. */
function rows(): Record<string, { name: string; appeal_body_key: string | null; source: string; edited_fields: string }> {
  const db = new Database(path.join(env.KILDE_DATA_DIR!, 'kilde.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const all = db.prepare('SELECT key, name, appeal_body_key, source, edited_fields FROM foi_directory').all() as Array<{ key: string; name: string; appeal_body_key: string | null; source: string; edited_fields: string }>;
    return Object.fromEntries(all.map((r) => [r.key, r]));
  } finally {
    db.close();
  }
}

describe('kilde seed', () => {
  test('a new archive — the directory is already there from the first start: nothing added, 130 unchanged', async () => {
    const res = await kilde(['seed']);
    expect([res.code, res.err]).toEqual([0, '']);
    expect(res.out).toBe('seed: dk-authorities.json: 0 added, 0 updated, 130 unchanged\n');
  });

  test('changed data, a deleted row and edits through the API — adds and updates, keeps the edits, and a second run changes nothing', async () => {
    const t = await startTestKilde({}, { dir });
    try {
      // Edits by people: Aarhus's appeal body and Odense's name.
      expect((await t.http.patch('/api/foi/authorities/kom_aarhus').send({ appealBodyKey: 'folketingets_ombudsmand' })).body)
        .toMatchObject({ appealBodyKey: 'folketingets_ombudsmand', editedFields: ['appealBodyKey'] });
      expect((await t.http.patch('/api/foi/authorities/kom_odense').send({ name: 'Odense Kommune, Borgmesterforvaltningen' })).body)
        .toMatchObject({ editedFields: ['name'] });
      // The same value again is no edit of another field.
      expect((await t.http.patch('/api/foi/authorities/kom_odense').send({ appealBodyKey: 'ankestyrelsen' })).body.editedFields).toEqual(['name']);
      // Data that changed since the archive was seeded (an older file), and a row the archive lacks.
      t.kilde.db.prepare("UPDATE foi_directory SET name = 'Vejle Byråd', source = '' WHERE key = 'kom_vejle'").run();
      t.kilde.db.prepare("DELETE FROM foi_directory WHERE key = 'reg_region_sjaelland'").run();
    } finally {
      await t.stop();
    }

    const dry = await kilde(['seed', '--dry-run']);
    expect(dry.out.split('\n')[0]).toBe('seed: dk-authorities.json (dry run, nothing changed): 1 added, 1 updated, 128 unchanged');
    expect(rows().reg_region_sjaelland).toBeUndefined();
    expect(rows().kom_vejle.name).toBe('Vejle Byråd');

    const res = await kilde(['seed']);
    expect([res.code, res.err]).toEqual([0, '']);
    expect(res.out).toBe([
      'seed: dk-authorities.json: 1 added, 1 updated, 128 unchanged',
      '  added    reg_region_sjaelland',
      '  updated  kom_vejle (name, source)',
      '  kept     kom_aarhus (appealBodyKey edited in Kilde; the data file differs)',
      '  kept     kom_odense (name edited in Kilde; the data file differs)',
      '',
    ].join('\n'));
    const after = rows();
    expect(after.reg_region_sjaelland).toMatchObject({ name: 'Region Sjælland', appeal_body_key: 'ankestyrelsen', edited_fields: '[]' });
    expect(after.reg_region_sjaelland.source).toMatch(/regionsloven/);
    expect(after.kom_vejle).toMatchObject({ name: 'Vejle Kommune', edited_fields: '[]' });
    expect(after.kom_vejle.source).toMatch(/98 municipalities/);
    expect(after.kom_aarhus).toMatchObject({ appeal_body_key: 'folketingets_ombudsmand', edited_fields: '["appealBodyKey"]' });
    expect(after.kom_odense).toMatchObject({ name: 'Odense Kommune, Borgmesterforvaltningen', edited_fields: '["name"]' });

    const again = await kilde(['seed', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({
      dryRun: false,
      files: [{
        file: 'dk-authorities.json', added: [], updated: [], unchanged: 130,
        kept: [{ key: 'kom_aarhus', fields: ['appealBodyKey'] }, { key: 'kom_odense', fields: ['name'] }],
      }],
    });
    expect(rows()).toEqual(after);
  });

  test('--help, a bad option, a bad setting — usage, or exit 2 with one line', async () => {
    const help = await kilde(['seed', '--help']);
    expect([help.code, help.out]).toEqual([0, expect.stringMatching(/^usage: kilde seed/)]);
    expect(await kilde(['seed', '--force'])).toEqual({ code: 2, out: '', err: "kilde seed: Unknown option '--force'\n" });
    env.KILDE_BCRYPT_COST = 'x';
    const bad = await kilde(['seed']);
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/^kilde seed: Invalid configuration: KILDE_BCRYPT_COST .*\n$/)]);
    expect(fs.existsSync(env.KILDE_DATA_DIR!)).toBe(false);
  });

  test('kilde --help — lists seed with its summary', async () => {
    expect((await kilde(['--help'])).out).toMatch(/\n {2}seed {7}load the FOI authority directory from the data files/);
  });

  test('upgrade to migration 017 — a row already edited by hand is marked as edited, the others are not', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version < 17)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
    }
    db.prepare("UPDATE foi_directory SET appeal_body_key = 'folketingets_ombudsmand' WHERE key = 'kom_aarhus'").run();
    db.prepare("UPDATE foi_directory SET name = 'Odense Byråd', appeal_body_key = NULL WHERE key = 'kom_odense'").run();
    expect(migrate(db)).toBe(MIGRATIONS.filter((x) => x.version >= 17).length);
    const edited = db.prepare("SELECT key, edited_fields FROM foi_directory WHERE edited_fields <> '[]' ORDER BY key").all();
    expect(edited).toEqual([
      { key: 'kom_aarhus', edited_fields: '["appealBodyKey"]' },
      { key: 'kom_odense', edited_fields: '["name","appealBodyKey"]' },
    ]);
    db.close();
  });
});
