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
  readonly meili: { readonly url: string; readonly apiKey?: string; readonly indexPrefix: string } | null;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** bcrypt work factor for passwords (tests lower it; production keeps the default). */
  readonly bcryptCost: number;
  readonly sessionDays: number;
  /** Marks session cookies Secure; on by default when KILDE_PUBLIC_URL is https. */
  readonly secureCookies: boolean;
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
  const bcryptCost = int('KILDE_BCRYPT_COST', 11, 4, 15);
  const sessionDays = int('KILDE_SESSION_DAYS', 14, 1, 365);
  const publicUrl = env.KILDE_PUBLIC_URL?.trim() ?? '';

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
    meili,
    logLevel,
    bcryptCost,
    sessionDays,
    secureCookies: env.KILDE_SECURE_COOKIES ? env.KILDE_SECURE_COOKIES === 'true' : publicUrl.startsWith('https://'),
  });
}
