import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { lockForImport } from '../../server/import/data-dir-lock';
import type { ImportSummary } from '../../server/import/import.types';
import { removeDir } from '../helpers/kilde';
import { buildTree, kilde, readDb, ROOT, sha256Of, type Tree } from '../helpers/import-tree';
import { startServeChild } from '../helpers/serve-child';

/**
 * `kilde import` without a server: the data directory opened by the command itself, a real folder
 * tree of 200 files, real extraction, the ledger, a real kill of a child process, and the lock
 * that keeps it apart from a running server.
 */
let work: string;
let tree: Tree;
beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-import-'));
  tree = await buildTree(path.join(work, 'drev'));
});
afterAll(() => removeDir(work));

/** A fresh data directory with the journalist "anna" in it. */
async function archive(name: string): Promise<Record<string, string>> {
  const env = { KILDE_DATA_DIR: path.join(work, name, 'data'), KILDE_UPLOADS_DIR: path.join(work, name, 'uploads') };
  const res = await kilde(['user:add', '--name', 'anna', '--role', 'journalist'], { ...env, KILDE_PASSWORD: 'correct horse battery' });
  expect(res.code).toBe(0);
  return env;
}

/** Top-level documents per SHA-256 of each file of the tree: every file must be there exactly once. */
function documentsPerFile(dataDir: string): Map<string, number> {
  const db = readDb(dataDir);
  try {
    const count = db.prepare('SELECT count(*) FROM documents WHERE sha256 = ? AND parent_id IS NULL').pluck();
    return new Map(tree.files.filter((f) => f !== tree.refused).map((f) => [f, count.get(sha256Of(path.join(tree.root, f))) as number]));
  } finally {
    db.close();
  }
}

describe('kilde import — into the data directory', () => {
  test('a tree of 200 files with a duplicate, a broken file and sidecars — counts match, exit 1; the second run imports nothing', async () => {
    const env = await archive('first');
    const first = await kilde(['import', tree.root, '--as', 'anna', '--story-from-folders', '--json'], env);
    const s = JSON.parse(first.out) as ImportSummary;
    const by = (rel: string) => s.files.find((f) => f.source === path.join(tree.root, rel))!;
    expect({ code: first.code, total: s.total, imported: s.imported, duplicates: s.duplicates, refused: s.refused, failed: s.failed, skipped: s.skipped }).toEqual({
      code: 1, total: 200, imported: 197, duplicates: 1, refused: 1, failed: 1, skipped: 0,
    });
    expect(by(tree.broken)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/damaged|could not be read/i) });
    expect(by(tree.refused)).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/Windows program/) });
    expect(by(tree.duplicate)).toMatchObject({ outcome: 'duplicate', documentId: by(tree.original).documentId });
    expect(s.notes).toEqual([expect.stringMatching(/kilde-import.csv line 3: no file findes\/ikke.pdf/)]);
    // Progress went to stderr as plain lines (no terminal here), the last one at 200 of 200.
    expect(first.err).toMatch(/Importing: 200\/200 files \(100%\), [\d.]+ files\/s, done in/);

    expect([...documentsPerFile(env.KILDE_DATA_DIR).entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const db = readDb(env.KILDE_DATA_DIR);
    try {
      expect(db.prepare('SELECT count(*) FROM documents WHERE parent_id IS NULL').pluck().get()).toBe(198);
      expect(db.prepare("SELECT count(*) FROM documents WHERE parent_id IS NULL AND status = 'ready'").pluck().get()).toBe(197);
      // The sidecar CSV: title, date and the two parties, created as authorities.
      const letter = db.prepare('SELECT id, title, document_date AS date, notes FROM documents WHERE id = ?').get(by('STAR-breve/brev-002.pdf').documentId) as Record<string, string>;
      expect(letter).toMatchObject({ title: 'Påbud fra STAR til KL', date: '2018-09-28', notes: 'fra sidecar' });
      expect(db.prepare('SELECT p.name, p.kind, dp.role FROM document_parties dp JOIN parties p ON p.id = dp.party_id WHERE dp.document_id = ? ORDER BY dp.role').all(letter.id)).toEqual([
        { name: 'KL', kind: 'authority', role: 'recipient' },
        { name: 'STAR', kind: 'authority', role: 'sender' },
      ]);
      // Stories from the top folders; the JSON sidecar in Diverse/ puts its one file elsewhere.
      const storyOf = (rel: string) => db.prepare("SELECT s.title FROM story_items i JOIN stories s ON s.id = i.story_id WHERE i.item_type = 'document' AND i.item_id = ?").pluck().all(by(rel).documentId);
      expect(storyOf('Cloud-sagen/2019/brev-001.pdf')).toEqual(['Cloud-sagen']);
      expect(storyOf('Diverse/dybt/nede/notat-7.txt')).toEqual(['Diverse']);
      expect(storyOf('Diverse/dybt/nede/notat-3.txt')).toEqual(['Særskilt historie']);
      expect(db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(by('Diverse/dybt/nede/notat-3.txt').documentId)).toBe('Notat fra dybet');
      expect(db.prepare('SELECT title FROM stories ORDER BY title').pluck().all()).toEqual(['Cloud-sagen', 'Diverse', 'STAR-breve', 'Særskilt historie']);
    } finally {
      db.close();
    }

    const second = await kilde(['import', tree.root, '--as', 'anna', '--story-from-folders', '--json'], env);
    const again = JSON.parse(second.out) as ImportSummary;
    expect({ code: second.code, imported: again.imported, duplicates: again.duplicates, refused: again.refused, failed: again.failed, skipped: again.skipped }).toEqual({
      code: 0, imported: 0, duplicates: 0, refused: 0, failed: 0, skipped: 200,
    });
    expect([...documentsPerFile(env.KILDE_DATA_DIR).values()].every((n) => n === 1)).toBe(true);
  }, 300_000);

  test('an import killed halfway (SIGKILL of the child process) and run again — it continues, and every file is there once', async () => {
    const env = await archive('killed');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kilde.js'), 'import', tree.root, '--as', 'anna'], {
      env: { ...process.env, ...env, KILDE_LOG_LEVEL: 'warn', KILDE_OCR_WORKERS: '1', TERM: 'dumb' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Killed once the ledger holds 20 finished files: mid-run, with work both done and not done.
    const ledgerFile = path.join(env.KILDE_DATA_DIR, 'import-ledger.sqlite');
    let finishedAtKill = 0;
    let alive = true;
    void exited.then(() => (alive = false));
    // A first start after a source edit compiles once (a minute on 2 cores).
    const until = Date.now() + 200_000;
    while (alive && Date.now() < until) {
      if (fs.existsSync(ledgerFile)) {
        const ledger = new Database(ledgerFile, { timeout: 5000 });
        finishedAtKill = ledger.prepare("SELECT count(*) FROM imported WHERE outcome <> 'added'").pluck().get() as number;
        ledger.close();
        if (finishedAtKill >= 20) break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    // (stderr shows what the child said, should it have stopped on its own)
    expect([await exited, finishedAtKill >= 20 && finishedAtKill < 200 ? 'mid-run' : stderr]).toEqual(['SIGKILL', 'mid-run']);

    const rerun = await kilde(['import', tree.root, '--as', 'anna', '--json'], env);
    const s = JSON.parse(rerun.out) as ImportSummary;
    // Files finished before the kill are skipped; the rest are imported (or found as duplicates of
    // what the killed run had added but not finished), and nothing is there twice.
    expect(s.skipped).toBeGreaterThanOrEqual(finishedAtKill);
    expect(s.skipped).toBeLessThan(200);
    expect(s.skipped + s.imported + s.duplicates + s.refused + s.failed).toBe(200);
    expect({ code: rerun.code, failed: s.files.filter((f) => f.outcome === 'failed').map((f) => path.relative(tree.root, f.source)) }).toEqual({ code: 1, failed: [tree.broken] });
    expect([...documentsPerFile(env.KILDE_DATA_DIR).entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const db = readDb(env.KILDE_DATA_DIR);
    try {
      expect(db.prepare('SELECT count(*) FROM documents WHERE parent_id IS NULL').pluck().get()).toBe(198);
    } finally {
      db.close();
    }
  }, 400_000);

  test('a server is using the data directory — the import refuses (exit 2) and adds nothing; an import holds it — serve refuses', async () => {
    const env = await archive('busy');
    const server = await startServeChild(env);
    const { port } = server;
    try {
      expect(server.stderr()).toContain('Kilde is serving');
      const res = await kilde(['import', path.join(tree.root, 'STAR-breve'), '--as', 'anna'], env);
      expect(res).toEqual({ code: 2, out: '', err: expect.stringMatching(/^kilde import: a Kilde server is using .*: import through it \(--server URL --token TOKEN\), or stop it first\n$/) });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const db = readDb(env.KILDE_DATA_DIR);
    try {
      expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
    } finally {
      db.close();
    }

    const held = lockForImport(env.KILDE_DATA_DIR);
    try {
      const serve = await kilde(['serve'], { ...env, PORT: String(port) });
      expect(serve).toEqual({ code: 1, out: '', err: expect.stringMatching(/^kilde serve: an import is using .*; start the server when it has finished/) });
    } finally {
      held.release();
    }
  }, 300_000);

  test('bad arguments — exit 2 with one line naming the problem, before anything is opened', async () => {
    const env = { KILDE_DATA_DIR: path.join(work, 'never', 'data'), KILDE_UPLOADS_DIR: path.join(work, 'never', 'uploads') };
    const cases: Array<[string[], RegExp]> = [
      [['import'], /name at least one folder, zip or file to import/],
      [['import', tree.root], /without --server, say whose name the files are imported under: --as USER/],
      [['import', tree.root, '--server', 'http://localhost:1'], /--server needs a token: --token TOKEN, or KILDE_TOKEN/],
      [['import', tree.root, '--server', 'http://localhost:1', '--token', 't', '--as', 'anna'], /--as is for imports without a server/],
      [['import', tree.root, '--as', 'anna', '--access', 'secret'], /--access must be newsroom, restricted or embargoed/],
      [['import', tree.root, '--as', 'anna', '--users', 'bo'], /--users goes with --access restricted or embargoed/],
      [['import', tree.root, '--as', 'anna', '--access', 'embargoed'], /--access embargoed needs --embargo-until WHEN/],
      [['import', tree.root, '--as', 'anna', '--embargo-until', '2026-02-30'], /--embargo-until must be a date and time/],
      [['import', path.join(work, 'missing'), '--as', 'anna'], /\S*missing: no such file or folder/],
      [['import', tree.root, '--as', 'anna', '--frob'], /Unknown option '--frob'/],
    ];
    for (const [args, line] of cases) {
      const res = await kilde(args, env);
      expect([args.slice(1).join(' '), res.code, res.out, res.err]).toEqual([args.slice(1).join(' '), 2, '', expect.stringMatching(new RegExp(`^kilde import: ${line.source}.*\\n$`))]);
    }
    expect(fs.existsSync(env.KILDE_DATA_DIR)).toBe(false);
    const help = await kilde(['import', '--help'], env);
    expect(help.out).toMatch(/^usage: kilde import/);
    expect(help.out).toMatch(/kilde-import\.csv/);
  });
});
