import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../server/cli/kilde';
import { eml } from './generated';
import { fixture } from './fixtures';
import { makePdf } from './pdf';

/** Helpers of the import tests: a folder tree like a newsroom's shared drive, and the CLI in process. */

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Tree {
  root: string;
  /** Every importable file, relative to the root. */
  files: string[];
  duplicate: string;
  original: string;
  broken: string;
  refused: string;
}

/**
 * 200 files in nested folders: generated PDFs, text, HTML and e-mails, real Word files and mail from
 * the fixtures; one copy of another file, one truncated PDF, one Windows program; a sidecar CSV at
 * the top and a JSON one in a subfolder.
 */
export async function buildTree(root: string): Promise<Tree> {
  const files: string[] = [];
  const put = (rel: string, bytes: Buffer | string) => {
    const abs = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, bytes);
    files.push(rel);
  };
  const folders = ['Cloud-sagen/2018', 'Cloud-sagen/2019', 'STAR-breve', 'Diverse/dybt/nede'];
  const firstPdf = await makePdf(['Brev 0 om personfølsomme data i Holland', 'Side to af brev 0']);
  for (let i = 0; i < 80; i++) {
    const bytes = i === 0 ? firstPdf : await makePdf([`Brev ${i} om personfølsomme data i Holland`]);
    put(`${folders[i % 4]}/brev-${String(i).padStart(3, '0')}.pdf`, bytes);
  }
  for (let i = 0; i < 50; i++) put(`${folders[i % 4]}/notat-${i}.txt`, `Notat ${i}: kommunerne og KMD Momentum i Azure, Amsterdam.\n`);
  for (let i = 0; i < 35; i++) put(`${folders[(i + 1) % 4]}/side-${i}.html`, `<!doctype html><html><body><h1>Side ${i}</h1><p>Styrelsen skrev til KL om sag ${i}.</p></body></html>`);
  for (let i = 0; i < 25; i++) {
    put(`${folders[(i + 2) % 4]}/mail-${i}.eml`, eml({
      from: 'star@example.dk', to: 'kl@example.dk', subject: `Sag ${i} om skyen`, date: 'Fri, 28 Sep 2018 10:00:00 +0200', body: `Mail nummer ${i} om data i Holland.`,
      attachments: i % 5 === 0 ? [{ filename: `bilag-${i}.txt`, contentType: 'text/plain', bytes: Buffer.from(`Bilag til mail ${i}`) }] : [],
    }));
  }
  for (const f of ['docx/aak-aktindsigt-afgoerelse-afslag-OFL-og-MOL.docx', 'docx/aak-minifrase-internt-dokument-OFL.docx', 'docx/mammoth-tables.docx', 'docx/mammoth-footnotes.docx', 'email/mailparser-spam-de.eml', 'email/os2ds-weird-url.eml', 'email/aleph-email-attached-rfc822.eml']) {
    put(`Diverse/fixtures/${path.basename(f)}`, fs.readFileSync(fixture(f)));
  }
  const original = 'Cloud-sagen/2018/brev-000.pdf';
  put('STAR-breve/kopi-af-brev-000.pdf', firstPdf);
  put('broken.pdf', firstPdf.subarray(0, Math.floor(firstPdf.length / 3)));
  put('program.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
  fs.writeFileSync(path.join(root, 'kilde-import.csv'), [
    'path;title;date;sender;recipient;notes',
    'STAR-breve/brev-002.pdf;Påbud fra STAR til KL;2018-09-28;authority:STAR;authority:KL;fra sidecar',
    'findes/ikke.pdf;Ingen fil;2018;;;',
  ].join('\r\n'));
  fs.writeFileSync(path.join(root, 'Diverse', 'kilde-import.json'), JSON.stringify([{ path: 'dybt/nede/notat-3.txt', title: 'Notat fra dybet', story: 'Særskilt historie' }]));
  return { root, files, duplicate: 'STAR-breve/kopi-af-brev-000.pdf', original, broken: 'broken.pdf', refused: 'program.exe' };
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Runs `kilde …` in this process, output captured. */
export async function kilde(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), env: { KILDE_LOG_LEVEL: 'silent', KILDE_BCRYPT_COST: '4', KILDE_OCR_WORKERS: '1', ...env } });
  return { code, out, err };
}

/** The data directory's database, for checks after a command ran (close it after). */
export function readDb(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'kilde.sqlite'), { fileMustExist: true });
}
