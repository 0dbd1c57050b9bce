/**
 * Ingest benchmark (not a test): generates text PDFs with Danish text (≥ 2,000 pages), uploads them
 * through the real HTTP API of a Kilde on a temp directory, and measures pages per second from the
 * first upload to the last document ready and indexed; then search latency p50/p95 over that corpus.
 *
 *   npm run bench:ingest            (BENCH_DOCS=40 BENCH_PAGES=50 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadConfig } from '../server/config';
import { createKilde } from '../server/kilde';
import { silentLogger } from '../server/lib/logger';

const DOCS = Number(process.env.BENCH_DOCS ?? 40);
const PAGES = Number(process.env.BENCH_PAGES ?? 50);
const SOURCE = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'text-da', 'folketinget-2023-01-05-meeting-raw.txt');
const FALLBACK = 'aktindsigt styrelsen kommunerne personfølsomme data ministeren redegørelse Holland skyløsning borgere sagsbehandling';

function words(): string[] {
  const src = [SOURCE, path.resolve('..', 'shared', 'corpus', 'text-da', 'folketinget-2023-01-05-meeting-raw.txt')].find((p) => fs.existsSync(p));
  const text = src ? fs.readFileSync(src, 'utf8') : FALLBACK;
  // WinAnsi (the standard PDF fonts) covers Danish letters but not every Unicode character.
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, ' ').split(/\s+/).filter((w) => w.length > 1);
}

/** A deterministic generator, so every run indexes the same corpus. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function makePdf(vocab: string[], rand: () => number, pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    for (let line = 0; line < 45; line++) {
      const text = Array.from({ length: 12 }, () => vocab[Math.floor(rand() * vocab.length)]).join(' ');
      page.drawText(text, { x: 40, y: 800 - line * 17, size: 10, font });
    }
  }
  return Buffer.from(await pdf.save());
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bench-'));
  const config = loadConfig({ KILDE_DATA_DIR: path.join(dir, 'data'), KILDE_UPLOADS_DIR: path.join(dir, 'uploads'), KILDE_LOG_LEVEL: 'silent', KILDE_WORKERS: process.env.KILDE_WORKERS ?? '2' });
  const kilde = createKilde(config, { logger: silentLogger });
  await kilde.start();
  const user = kilde.auth.createUser(null, { username: 'bench', role: 'admin', password: 'benchmark-password' });
  const { token } = kilde.auth.createToken(kilde.auth.toViewer(user), 'bench');
  const server = kilde.app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = { Authorization: `Bearer ${token}` };

  const vocab = words();
  const rand = rng(42);
  process.stdout.write(`generating ${DOCS} PDFs × ${PAGES} pages…\n`);
  const files: Buffer[] = [];
  for (let i = 0; i < DOCS; i++) files.push(await makePdf(vocab, rand, PAGES));

  const started = performance.now();
  const ids: string[] = [];
  for (const [i, bytes] of files.entries()) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), `bench-${i}.pdf`);
    const res = await fetch(`${base}/api/documents`, { method: 'POST', body: form, headers: auth });
    if (res.status !== 202) throw new Error(`upload ${i} answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  const uploaded = performance.now();
  for (;;) {
    const pending = kilde.db.prepare("SELECT COUNT(*) FROM documents WHERE status IN ('queued', 'extracting')").pluck().get() as number;
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await kilde.indexer.drain();
  const done = performance.now();
  const failed = kilde.db.prepare("SELECT COUNT(*) FROM documents WHERE status <> 'ready'").pluck().get() as number;
  const totalPages = DOCS * PAGES;

  const queries = Array.from({ length: 200 }, (_, i) => {
    const w = () => vocab[Math.floor(rand() * vocab.length)];
    return i % 4 === 0 ? `"${w()} ${w()}"` : i % 4 === 1 ? w() : `${w()} ${w()}`;
  });
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`, { headers: auth });
    await res.json();
    times.push(performance.now() - t0);
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    [
      `machine: ${os.cpus().length} cores, ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      `corpus: ${DOCS} PDFs, ${totalPages} pages, ${(files.reduce((s, f) => s + f.length, 0) / 2 ** 20).toFixed(1)} MiB; failed: ${failed}`,
      `upload (HTTP, hash, store): ${((uploaded - started) / 1000).toFixed(1)} s`,
      `ingest upload→ready+indexed: ${((done - started) / 1000).toFixed(1)} s = ${(totalPages / ((done - started) / 1000)).toFixed(0)} pages/s (workers: ${config.workers})`,
      `search over HTTP (${queries.length} queries, words/two words/phrases): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
      `database: ${(fs.statSync(path.join(config.dataDir, 'kilde.sqlite')).size / 2 ** 20).toFixed(1)} MiB`,
    ].join('\n') + '\n',
  );
  server.close();
  await kilde.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
