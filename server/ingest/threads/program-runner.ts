import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Programs (native OCR) started from a small helper process instead of from the server itself.
 * Starting a program forks the process that starts it, and forking copies its page tables: from
 * the server, resident at ~500 MB with its PDF and OCR threads, that held the main thread 20–40 ms
 * per program (measured: 7 ms from a bare Node process), so every OCR reading paused the searches
 * being answered. From a helper of ~40 MB it costs the helper a few milliseconds and the server
 * nothing. The helper starts on first use, is shared by every run, lets the server exit while
 * idle, and is replaced if it dies (what was running then fails, and may be tried again). Besides
 * runs (a program, its whole output, its exit), it keeps programs running that are fed through
 * their stdin and answer piece by piece (`start`): native OCR reading page after page.
 */
export interface ProgramResult {
  /** Exit code; null when a signal ended the program. */
  code: number | null;
  stdout: Buffer;
  /** The end of what it wrote to stderr (2,000 characters at most). */
  stderr: string;
}

export interface RunOptions {
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** The program's OS priority (nice value) once started. */
  nice?: number;
  /** Past this the program is killed and the run rejects with `onTimeout()`. */
  timeoutMs: number;
  onTimeout(): Error;
  signal?: AbortSignal;
}

export interface StartOptions {
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** The program's OS priority (nice value) once started. */
  nice?: number;
  /** Each piece of its stdout as it comes, as text (UTF-8, never split inside a character). */
  onOutput(text: string): void;
}

/**
 * A program kept running and fed through its stdin (native OCR reading page after page). Idle, it
 * does not keep the server's process alive; while `busy(true)` (an answer awaited) it does.
 */
export interface RunningProgram {
  write(text: string): void;
  busy(yes: boolean): void;
  /** Ends its stdin: a program that reads to the end then exits. */
  end(): void;
  kill(): void;
  /** Settles when it has exited (never rejects): code null when a signal ended it or it never started. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

export interface ProgramRunner {
  run(bin: string, args: string[], opts: RunOptions): Promise<ProgramResult>;
  /** Starts a program that keeps running; `close()` kills it too. */
  start(bin: string, args: string[], opts: StartOptions): RunningProgram;
  /** Stops the helper; the programs it runs are killed, and pending runs reject. */
  close(): void;
}

/** The helper: plain JavaScript, run with `node -e`, talking over the IPC channel. */
const HELPER_SOURCE = `
const { spawn } = require('node:child_process');
const os = require('node:os');
const running = new Map();
process.on('message', (m) => {
  if (m.op === 'kill') return void running.get(m.id)?.kill('SIGKILL');
  if (m.op === 'write') return void running.get(m.id)?.stdin?.write(m.data);
  if (m.op === 'end') return void running.get(m.id)?.stdin?.end();
  const streaming = m.op === 'start';
  let sent = false;
  const answer = (reply) => {
    if (sent) return;
    sent = true;
    running.delete(m.id);
    process.send({ id: m.id, ...reply });
  };
  let child;
  try {
    child = spawn(m.bin, m.args, { env: { ...process.env, ...m.env }, stdio: [streaming ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return answer({ error: String((e && e.message) || e) });
  }
  running.set(m.id, child);
  if (m.nice && child.pid) try { os.setPriority(child.pid, m.nice); } catch {}
  const out = [];
  let err = '';
  if (streaming) {
    child.stdin.on('error', () => {}); // a program that exits early: its exit says why
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => process.send({ id: m.id, out: c }));
  } else child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => { err = (err + c.toString('utf8')).slice(-2000); });
  child.on('error', (e) => answer({ error: String(e.message) }));
  child.on('close', (code) => answer({ code, stdout: Buffer.concat(out), stderr: err }));
});
process.on('disconnect', () => {
  for (const child of running.values()) child.kill('SIGKILL');
  process.exit(0);
});
`;

interface Reply {
  id: number;
  /** A piece of a started program's stdout; any other reply is the last for its id. */
  out?: string;
  error?: string;
  code?: number | null;
  stdout?: Uint8Array;
  stderr?: string;
}

interface Pending {
  resolve(r: ProgramResult): void;
  reject(e: Error): void;
  /** Set by a deadline or an abort: the helper was told to kill the program, and its answer is this. */
  failure: Error | null;
}

interface Started {
  busy: boolean;
  onOutput(text: string): void;
  exit(r: { code: number | null; stderr: string }): void;
}

/** A run refused, or stopped, because `close()` was called. */
const closedError = (): Error => new Error('the program runner is closed');

/** Why a run was aborted: the signal's own error, as the caller gave it. */
const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new Error('aborted'));

export function createProgramRunner(): ProgramRunner {
  let helper: ChildProcess | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const started = new Map<number, Started>();

  /** Whether the server waits on the helper: a run, or a started program that is busy. */
  function refresh(h: ChildProcess): void {
    const waiting = pending.size > 0 || [...started.values()].some((p) => p.busy);
    // A helper with nothing to answer must not keep the server's process alive.
    const channel = h.channel as { ref?(): void; unref?(): void } | undefined;
    if (waiting) {
      h.ref();
      channel?.ref?.();
    } else {
      h.unref();
      channel?.unref?.();
    }
  }

  function start(): ChildProcess {
    if (helper && helper.connected) return helper;
    const h = spawn(process.execPath, ['--max-old-space-size=128', '-e', HELPER_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    h.on('message', (m: Reply) => {
      const s = started.get(m.id);
      if (s) {
        if (m.out !== undefined) return s.onOutput(m.out);
        started.delete(m.id);
        refresh(h);
        return s.exit({ code: m.error !== undefined ? null : (m.code ?? null), stderr: m.error ?? m.stderr ?? '' });
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      refresh(h);
      if (p.failure) p.reject(p.failure);
      else if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve({ code: m.code ?? null, stdout: m.stdout ? Buffer.from(m.stdout.buffer, m.stdout.byteOffset, m.stdout.byteLength) : Buffer.alloc(0), stderr: m.stderr ?? '' });
    });
    const gone = () => {
      if (helper === h) helper = null;
      for (const p of pending.values()) p.reject(p.failure ?? new Error('the helper that runs OCR programs stopped'));
      pending.clear();
      for (const s of started.values()) s.exit({ code: null, stderr: 'the helper that runs OCR programs stopped' });
      started.clear();
    };
    h.on('exit', gone);
    h.on('error', gone);
    helper = h;
    return h;
  }

  return {
    run(bin, args, opts) {
      if (closed) return Promise.reject(closedError());
      if (opts.signal?.aborted) return Promise.reject(abortReason(opts.signal));
      return new Promise<ProgramResult>((resolve, reject) => {
        const h = start();
        const id = nextId++;
        const stop = (e: Error) => {
          const p = pending.get(id);
          if (!p || p.failure) return;
          p.failure = e;
          if (h.connected) h.send({ op: 'kill', id });
        };
        const timer = setTimeout(() => stop(opts.onTimeout()), opts.timeoutMs);
        const onAbort = () => stop(abortReason(opts.signal!));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
        };
        pending.set(id, {
          resolve: (r) => (settle(), resolve(r)),
          reject: (e) => (settle(), reject(e)),
          failure: null,
        });
        refresh(h);
        h.send({ id, bin, args, env: opts.env ?? {}, nice: opts.nice ?? 0 });
      });
    },
    start(bin, args, opts) {
      let exit!: (r: { code: number | null; stderr: string }) => void;
      const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => (exit = resolve));
      const dead = { write() {}, busy() {}, end() {}, kill() {}, exited };
      if (closed) {
        exit({ code: null, stderr: closedError().message });
        return dead;
      }
      const h = start();
      const id = nextId++;
      const s: Started = { busy: false, onOutput: opts.onOutput, exit };
      started.set(id, s);
      refresh(h);
      h.send({ op: 'start', id, bin, args, env: opts.env ?? {}, nice: opts.nice ?? 0 });
      const send = (m: object) => {
        if (started.has(id) && h.connected) h.send({ id, ...m });
      };
      return {
        write: (data) => send({ op: 'write', data }),
        busy(yes) {
          if (s.busy === yes || !started.has(id)) return;
          s.busy = yes;
          refresh(h);
        },
        end: () => send({ op: 'end' }),
        kill: () => send({ op: 'kill' }),
        exited,
      };
    },
    close() {
      closed = true;
      // What runs fails as closed (not as a helper that died, which a caller may work around).
      for (const p of pending.values()) p.failure ??= closedError();
      // Disconnecting tells the helper to kill what it runs (started programs too) and exit.
      if (helper?.connected) helper.disconnect();
      helper = null;
    },
  };
}
