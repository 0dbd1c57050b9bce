import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig, type Config } from '../../server/lib/config';
import { createKilde, type Kilde } from '../../server/kilde';

type KildeOptions = NonNullable<Parameters<typeof createKilde>[1]>;
import { silentLogger } from '../../server/lib/logger';
import type { Role } from '../../server/auth/viewer';
import type { Clock } from '../../server/lib/clock';

/**
 * A real Kilde on a fresh temp directory: real SQLite with the real migrations, real files on disk,
 * the real Express app driven through supertest (no listening socket).
 */
type Agent = ReturnType<typeof request.agent>;

export interface TestKilde {
  kilde: Kilde;
  /** An agent signed in as an admin through an API token. */
  http: Agent;
  /** A fresh user of that role and an agent authenticated with its API token. */
  as(role: Role, username?: string): { http: Agent; userId: string; token: string };
  /** A plain, unauthenticated client. */
  anon: ReturnType<typeof request>;
  dir: string;
  config: Config;
  stop(): Promise<void>;
}

/** A clock a test can move (embargo ends, deadlines). */
export function testClock(startIso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(startIso).getTime();
  return { now: () => new Date(t), set: (iso) => (t = new Date(iso).getTime()), advance: (ms) => (t += ms) };
}

export async function startTestKilde(env: Record<string, string> = {}, opts: { start?: boolean; dir?: string; clock?: Clock; engine?: KildeOptions['engine'] } = {}): Promise<TestKilde> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-test-'));
  const config = loadConfig({
    KILDE_DATA_DIR: path.join(dir, 'data'),
    KILDE_UPLOADS_DIR: path.join(dir, 'uploads'),
    KILDE_LOG_LEVEL: 'silent',
    KILDE_OCR_WORKERS: '1',
    KILDE_BCRYPT_COST: '4',
    ...env,
  });
  const kilde = createKilde(config, { logger: silentLogger, clock: opts.clock, engine: opts.engine });
  if (opts.start !== false) await kilde.start();
  let n = 0;
  const as = (role: Role, username = `${role}${++n}`) => {
    const user = kilde.auth.byUsername(username) ?? kilde.auth.createUser(null, { username, role, password: 'correct horse battery' });
    const viewer = kilde.auth.toViewer(user);
    const { token } = kilde.auth.createToken(viewer, 'test');
    return { http: request.agent(kilde.app).set('Authorization', `Bearer ${token}`), userId: user.id, token };
  };
  const admin = as('admin', 'testadmin');
  return {
    kilde,
    http: admin.http,
    as,
    anon: request(kilde.app),
    dir,
    config,
    async stop() {
      await kilde.stop();
    },
  };
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Polls the API until the document reaches one of the statuses (or fails the test with its last state), lets the search index catch up, and answers the document as it then stands. */
export async function waitForStatus(t: TestKilde, id: string, statuses: string[] = ['ready'], timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < until) {
    const res = await t.http.get(`/api/documents/${id}`);
    last = res.body as Record<string, unknown>;
    if (statuses.includes(String(last.status))) {
      // The document as it stands once indexed: the answer above may predate the drain ("indexed": false).
      await t.kilde.indexer.drain();
      return (await t.http.get(`/api/documents/${id}`)).body as Record<string, unknown>;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`document ${id} did not reach ${statuses.join('/')} in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** Every file under a directory (recursively), for "nothing was left behind" checks. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/**
 * Starts one Kilde for the enclosing `describe` and stops it (removing its files) afterwards.
 * Use inside a describe: `const k = useKilde(); … k.t.http.get(…)`.
 */
/**
 * The same, as the suite's `t` itself: `const t = suiteKilde();` then `t.http.get(…)` in the tests.
 * Each property is read from the Kilde started in `beforeAll`, so the name can be bound before it exists.
 */
export function suiteKilde(env: Record<string, string> = {}, opts: { clock?: Clock; engine?: KildeOptions['engine'] } = {}): TestKilde {
  const holder = useKilde(env, opts);
  return new Proxy({} as TestKilde, { get: (_, prop) => Reflect.get(holder.t, prop) });
}

export function useKilde(env: Record<string, string> = {}, opts: { clock?: Clock; engine?: KildeOptions['engine'] } = {}): { t: TestKilde } {
  const holder = {} as { t: TestKilde };
  beforeAll(async () => {
    holder.t = await startTestKilde(env, opts);
  });
  afterAll(async () => {
    if (!holder.t) return;
    await holder.t.stop();
    removeDir(holder.t.dir);
  });
  return holder;
}
