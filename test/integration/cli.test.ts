import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCli } from '../../server/cli/kilde';
import { removeDir, startTestKilde } from '../helpers/kilde';
import { startServeChild } from '../helpers/serve-child';

// Plain JavaScript that runs before the build (bin/): loaded as it is.
const { checkNode } = require('../../bin/node-version') as { checkNode(v: string): { verdict: string; message: string } };
const { isStale } = require('../../bin/build') as { isStale(root: string): boolean };

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `kilde …` in this process with its output captured, on a data directory of its own. */
async function kilde(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), env: { KILDE_LOG_LEVEL: 'silent', KILDE_BCRYPT_COST: '4', ...dirs, ...env } });
  return { code, out, err };
}

let dir: string;
let dirs: Record<string, string>;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-cli-'));
  dirs = { KILDE_DATA_DIR: path.join(dir, 'data'), KILDE_UPLOADS_DIR: path.join(dir, 'uploads') };
});
afterEach(() => removeDir(dir));

describe('kilde command', () => {
  test('kilde --help — lists every command; no command at all — the same list and exit 2', async () => {
    const help = await kilde(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'user:add', 'reindex', 'demo', 'import', 'backup', 'restore', 'verify']) expect(help.out).toContain(`  ${name} `);
    expect((await kilde([])).code).toBe(2);
  });

  test.each(['serve', 'user:add', 'reindex', 'demo', 'backup', 'restore', 'verify'])('kilde %s --help — prints its usage and does nothing else', async (name) => {
    const res = await kilde([name, '--help']);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toMatch(new RegExp(`^usage: kilde ${name}`));
    expect(fs.existsSync(dirs.KILDE_DATA_DIR!)).toBe(false);
  });

  test('bad command, option or configuration — exit 2 with one clear line', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['frob'], {}, /^kilde: unknown command "frob" \(commands: serve, user:add, reindex, demo\b[^)]*; kilde --help\)\n$/],
      [['user:add', '--bogus'], {}, /^kilde user:add: Unknown option '--bogus'\n$/],
      [['user:add'], {}, /^kilde user:add: give the user a name: --name NAME \(or --admin NAME\)\n$/],
      [['user:add', '--name', 'anna', '--role', 'boss'], {}, /^kilde user:add: --role must be one of .*\n$/],
      [['user:add', '--name'], {}, /^kilde user:add: Option '--name <value>' argument missing\n$/],
      [['serve', 'extra'], {}, /^kilde serve: Unexpected argument 'extra'\n$/],
      [['serve'], { PORT: 'abc', KILDE_MAX_UPLOAD_MB: '-1' }, /^kilde serve: Invalid configuration: PORT must be .*; KILDE_MAX_UPLOAD_MB .*\n$/],
      [['user:add', '--admin', 'anna'], { KILDE_BCRYPT_COST: 'x' }, /^kilde user:add: Invalid configuration: KILDE_BCRYPT_COST .*\n$/],
    ];
    for (const [args, env, line] of cases) {
      const res = await kilde(args, env);
      expect([args.join(' '), res.code, res.out, res.err]).toEqual([args.join(' '), 2, '', expect.stringMatching(line)]);
    }
  });

  test('user:add --role admin --print-token — creates the user; the token on stdout signs in to the API', async () => {
    const res = await kilde(['user:add', '--role', 'admin', '--name', 'anna', '--print-token']);
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/^created admin "anna" with password: \S{12,}\n$/);
    const token = res.out.trim();
    expect(token).toMatch(/^kilde_\S+$/);

    const t = await startTestKilde({}, { dir });
    try {
      expect(t.kilde.auth.byUsername('anna')).toMatchObject({ role: 'admin' });
      expect((await request(t.kilde.app).get('/api/documents').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await request(t.kilde.app).get('/api/documents').set('Authorization', 'Bearer kilde_wrong')).status).toBe(401);
    } finally {
      await t.kilde.stop();
    }
    // The same name again is refused with a reason, exit 1.
    const again = await kilde(['user:add', '--name', 'anna'], { KILDE_PASSWORD: 'correct horse battery' });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^kilde user:add: .+\n$/);
  });

  test('reindex — an empty archive — rebuilds nothing and exits 0', async () => {
    const res = await kilde(['reindex']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/reindex: done — 0 documents, 0 pages/);
  });
});

describe('kilde launcher (bin/)', () => {
  test('Node version — 20 and 22 run; 18 is refused with a clear line; 24 runs with a warning', () => {
    expect(checkNode('20.20.2').verdict).toBe('ok');
    expect(checkNode('22.11.0').verdict).toBe('ok');
    expect(checkNode('18.19.1')).toEqual({ verdict: 'too-old', message: expect.stringMatching(/^kilde: Node.js 18.19.1 is too old: Kilde needs Node.js 20 or 22/) });
    expect(checkNode('24.1.0')).toEqual({ verdict: 'untested', message: expect.stringMatching(/untested/) });
    const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('^20.0.0 || ^22.0.0');
  });

  test('build — missing, up to date, then a source edited — stale, fresh, stale', () => {
    const root = path.join(dir, 'checkout');
    fs.mkdirSync(path.join(root, 'server'), { recursive: true });
    fs.writeFileSync(path.join(root, 'server', 'a.ts'), 'export {};\n');
    expect(isStale(root)).toBe(true);
    fs.mkdirSync(path.join(root, 'dist'));
    const stamp = path.join(root, 'dist', '.built');
    fs.writeFileSync(stamp, '');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, 'server', 'a.ts'), past, past);
    expect(isStale(root)).toBe(false);
    fs.writeFileSync(path.join(root, 'server', 'a.ts'), 'export const a = 1;\n');
    expect(isStale(root)).toBe(true);
  });

  test('kilde serve — started as a user would — answers /api/health and stops on SIGTERM with exit 0', async () => {
    const server = await startServeChild(dirs);
    let code: number | null;
    try {
      expect(server.stderr()).toContain('Kilde is serving');
      const health = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      code = await server.stop();
    }
    expect(code).toBe(0);
  }, 240_000);
});
