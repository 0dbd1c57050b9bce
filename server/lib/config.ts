import os from 'node:os';
import path from 'node:path';

/**
 * Kilde's configuration, read once from the environment by `main.ts` (tests pass a literal).
 * Every value has a default that works on a fresh machine; every bad variable is reported in one
 * message so a wrong deployment fails at start, not at the first upload.
 */
export interface Config {
  readonly port: number;
  readonly dataDir: string;
  readonly uploadsDir: string;
  readonly maxUploadBytes: number;
  /** In-process extraction workers (jobs run at once). */
  readonly workers: number;
  /** OCR workers (tesseract.js threads); bounded by the cores. */
  readonly ocrWorkers: number;
  readonly ocrLangs: string;
  /** Most pages of one PDF that are OCRed (KILDE_OCR_MAX_PAGES); 0, the default, means no limit. */
  readonly ocrMaxPages: number;
  readonly jobMaxAttempts: number;
  /** Longest one extraction step may take in its thread before the file is failed (KILDE_EXTRACT_TIMEOUT_S). */
  readonly extractTimeoutMs: number;
  /** Heap limit of each extraction thread, in MB (KILDE_EXTRACT_MEMORY_MB). */
  readonly extractMemoryMb: number;
  /** Who reads PDFs first (KILDE_PDF_ENGINE): MuPDF, with pdf.js as the fallback, or pdf.js alone. */
  readonly pdfEngine: 'mupdf' | 'pdfjs';
  /** PDF engine threads: pages read at once across all documents (KILDE_EXTRACT_THREADS; default the cores). */
  readonly extractThreads: number;
  /** OCR engine (KILDE_OCR_ENGINE): the native `tesseract` program when present, or tesseract.js. */
  readonly ocrEngine: 'auto' | 'tesseract' | 'tesseract.js';
  /** KILDE_OCR_DICTIONARIES: whether hard pages' readings are combined with the languages' words (~260 MB while in use); off for small servers. */
  readonly ocrDictionaries: boolean;
  /**
   * KILDE_VIEW_CACHE: pages' templates compiled once and kept (a quarter to a third of a page's
   * time otherwise); off by default only with NODE_ENV=development, and in `npm run dev`, where edited
   * templates must show at once.
   */
  readonly viewCache: boolean;
  readonly meili: { readonly url: string; readonly apiKey?: string; readonly indexPrefix: string } | null;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** bcrypt work factor for passwords (tests lower it; production keeps the default). */
  readonly bcryptCost: number;
  readonly sessionDays: number;
  /** Marks session cookies Secure; on by default when KILDE_PUBLIC_URL is https. */
  readonly secureCookies: boolean;
  /**
   * KILDE_PUBLIC_URL without a trailing slash (e.g. "https://kilde.example.dk"), or null. Absolute
   * links Kilde hands out (the calendar feed) are built from it, never from the request's Host
   * header, which any client can set.
   */
  readonly publicUrl: string | null;
  /** KILDE_METRICS_TOKEN: `/metrics` answers only a scraper sending it as a Bearer token; null disables `/metrics`. */
  readonly metricsToken: string | null;
  /** KILDE_SMTP_URL (smtp://user:pass@host:587 or smtps://…): e-mail alerts; null sends no e-mail. */
  readonly smtpUrl: string | null;
  /** KILDE_MAIL_FROM: the sender of alert e-mails. */
  readonly mailFrom: string;
  /** KILDE_ALERT_INTERVAL_S: how often FOI-request alerts (answer due tomorrow, overdue), ended embargoes and alert e-mail still due are checked. */
  readonly alertIntervalMs: number;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const port = int('PORT', 3000, 0, 65535);
  const maxUploadMb = int('KILDE_MAX_UPLOAD_MB', 500, 1, 100_000);
  const workers = int('KILDE_WORKERS', 2, 1, 64);
  const ocrWorkers = int('KILDE_OCR_WORKERS', Math.min(2, cores), 1, cores);
  const jobMaxAttempts = int('KILDE_JOB_MAX_ATTEMPTS', 3, 1, 20);
  const ocrMaxPages = int('KILDE_OCR_MAX_PAGES', 0, 0, 1_000_000);
  const extractMemoryMb = int('KILDE_EXTRACT_MEMORY_MB', 1024, 32, 65_536);
  // Seconds with decimals: tests and small servers want less than a second.
  const extractTimeoutS = Number(env.KILDE_EXTRACT_TIMEOUT_S?.trim() || 120);
  if (!Number.isFinite(extractTimeoutS) || extractTimeoutS < 0.05 || extractTimeoutS > 86_400) {
    problems.push(`KILDE_EXTRACT_TIMEOUT_S must be a number of seconds from 0.05 to 86400 (got "${env.KILDE_EXTRACT_TIMEOUT_S}")`);
  }
  const extractThreads = int('KILDE_EXTRACT_THREADS', cores, 1, 256);
  const pdfEngine = (env.KILDE_PDF_ENGINE?.trim() || 'mupdf') as Config['pdfEngine'];
  if (!['mupdf', 'pdfjs'].includes(pdfEngine)) problems.push(`KILDE_PDF_ENGINE must be mupdf or pdfjs (got "${env.KILDE_PDF_ENGINE}")`);
  const ocrEngine = (env.KILDE_OCR_ENGINE?.trim() || 'auto') as Config['ocrEngine'];
  if (!['auto', 'tesseract', 'tesseract.js'].includes(ocrEngine)) problems.push(`KILDE_OCR_ENGINE must be auto, tesseract or tesseract.js (got "${env.KILDE_OCR_ENGINE}")`);
  const ocrDictionaries = (env.KILDE_OCR_DICTIONARIES?.trim() || 'on').toLowerCase();
  if (!['on', 'off'].includes(ocrDictionaries)) problems.push(`KILDE_OCR_DICTIONARIES must be on or off (got "${env.KILDE_OCR_DICTIONARIES}")`);
  const viewCache = (env.KILDE_VIEW_CACHE?.trim() || (env.NODE_ENV === 'development' ? 'off' : 'on')).toLowerCase();
  if (!['on', 'off'].includes(viewCache)) problems.push(`KILDE_VIEW_CACHE must be on or off (got "${env.KILDE_VIEW_CACHE}")`);
  const bcryptCost = int('KILDE_BCRYPT_COST', 11, 4, 15);
  const sessionDays = int('KILDE_SESSION_DAYS', 14, 1, 365);
  const publicUrl = env.KILDE_PUBLIC_URL?.trim() ?? '';

  if (publicUrl && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) problems.push(`KILDE_PUBLIC_URL must be an http(s) address without query or fragment (got "${publicUrl}")`);

  const metricsToken = env.KILDE_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) problems.push('KILDE_METRICS_TOKEN must be at least 16 printable characters without spaces');

  const ocrLangs = env.KILDE_OCR_LANGS?.trim() || 'dan+eng';
  if (!/^[a-z_]{3,}(\+[a-z_]{3,})*$/.test(ocrLangs)) problems.push(`KILDE_OCR_LANGS must look like "dan+eng" (got "${ocrLangs}")`);

  const logLevel = (env.KILDE_LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`KILDE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  let meili: Config['meili'] = null;
  const meiliUrl = env.MEILI_URL?.trim();
  if (meiliUrl) {
    if (!/^https?:\/\/[^\s]+$/.test(meiliUrl)) problems.push(`MEILI_URL must be an http(s) URL (got "${meiliUrl}")`);
    meili = { url: meiliUrl, apiKey: env.MEILI_MASTER_KEY || undefined, indexPrefix: env.MEILI_INDEX?.trim() || 'kilde' };
  }

  const smtpUrl = env.KILDE_SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('KILDE_SMTP_URL must be an smtp:// or smtps:// URL');
  const mailFrom = env.KILDE_MAIL_FROM?.trim() || 'Kilde <kilde@localhost>';
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom)) problems.push('KILDE_MAIL_FROM must be one e-mail address, e.g. "Kilde <kilde@example.dk>"');
  const alertIntervalS = int('KILDE_ALERT_INTERVAL_S', 900, 10, 86_400);

  if (problems.length > 0) throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);

  return Object.freeze({
    port,
    dataDir: path.resolve(cwd, env.KILDE_DATA_DIR?.trim() || 'data'),
    uploadsDir: path.resolve(cwd, env.KILDE_UPLOADS_DIR?.trim() || 'uploads'),
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    workers,
    ocrWorkers,
    ocrLangs,
    ocrMaxPages,
    jobMaxAttempts,
    extractTimeoutMs: Math.round(extractTimeoutS * 1000),
    extractMemoryMb,
    pdfEngine,
    extractThreads,
    ocrEngine,
    ocrDictionaries: ocrDictionaries !== 'off',
    viewCache: viewCache !== 'off',
    meili,
    logLevel,
    bcryptCost,
    sessionDays,
    secureCookies: env.KILDE_SECURE_COOKIES ? env.KILDE_SECURE_COOKIES === 'true' : publicUrl.startsWith('https://'),
    publicUrl: publicUrl ? publicUrl.replace(/\/+$/, '') : null,
    metricsToken,
    smtpUrl,
    mailFrom,
    alertIntervalMs: alertIntervalS * 1000,
  });
}
