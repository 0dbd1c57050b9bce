import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProgramRunner, type ProgramRunner, type RunningProgram, type RunOptions } from '../../../server/ingest/threads/program-runner';

/**
 * The helper process that starts native OCR programs for the server: real programs (Node itself,
 * with a script), real exit codes, environment, priority, deadlines, aborts and shutdown.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-runner-'));
const runner = createProgramRunner();
afterAll(() => {
  runner.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const node = process.execPath;
const opts = (more: Partial<RunOptions> = {}): RunOptions => ({ timeoutMs: 20_000, onTimeout: () => new Error('too slow'), ...more });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** A program that writes its pid to `file`, then waits for a minute. */
const sleeper = (file: string) => ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, String(process.pid)); setTimeout(() => {}, 60000)`];
async function pidIn(file: string): Promise<number> {
  for (let i = 0; i < 200 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 20 && !fs.readFileSync(file, 'utf8'); i++) await new Promise((r) => setTimeout(r, 50));
  return Number(fs.readFileSync(file, 'utf8'));
}
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** A sleeper kept running on `r`, then `stop` called: it has exited on a signal, and its process is gone. */
async function endsOnSignal(r: ProgramRunner, name: string, stop: (p: RunningProgram) => void): Promise<void> {
  const file = path.join(dir, name);
  const p = r.start(node, sleeper(file), { onOutput: () => {} });
  const pid = await pidIn(file);
  stop(p);
  expect((await p.exited).code).toBeNull();
  expect(await gone(pid)).toBe(true);
}

describe('program runner — programs started from a helper process', () => {
  test('a program — its stdout as bytes (Danish letters whole), exit code 0, the environment given added to the server\'s', async () => {
    const r = await runner.run(node, ['-e', 'process.stdout.write("Kære " + process.env.KILDE_TEST_WORD + " " + (process.env.PATH ? "path" : "no path"))'], opts({ env: { KILDE_TEST_WORD: 'Søren' } }));
    expect(r.code).toBe(0);
    expect(r.stdout.toString('utf8')).toBe('Kære Søren path');
  });

  test('a program that fails — its exit code and the end of its stderr; one that does not exist — a clear rejection', async () => {
    const r = await runner.run(node, ['-e', 'console.error("first line\\nTesseract could not read the page"); process.exit(3)'], opts());
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n').pop()).toBe('Tesseract could not read the page');
    await expect(runner.run(path.join(dir, 'no-such-program'), [], opts())).rejects.toThrow(/ENOENT/);
  });

  test('priority — the program runs at the nice value asked for, below the server', async () => {
    const r = await runner.run(node, ['-e', 'setTimeout(() => process.stdout.write(String(require("os").getPriority())), 500)'], opts({ nice: 10 }));
    expect(Number(r.stdout.toString())).toBe(10);
  });

  test('runs at once — several programs run side by side and each gets its own answer', async () => {
    const runs = [1, 2, 3, 4].map((n) => runner.run(node, ['-e', `setTimeout(() => process.stdout.write("${n}"), ${200 - n * 40})`], opts()));
    expect((await Promise.all(runs)).map((r) => r.stdout.toString())).toEqual(['1', '2', '3', '4']);
  });

  test('a deadline — the run rejects with the error asked for, and the program is killed', async () => {
    const file = path.join(dir, 'deadline.pid');
    const run = runner.run(node, sleeper(file), opts({ timeoutMs: 1500, onTimeout: () => new Error('OCR took longer than 1.5 s') }));
    const pid = await pidIn(file);
    await expect(run).rejects.toThrow('OCR took longer than 1.5 s');
    expect(await gone(pid)).toBe(true);
  });

  test('an abort — the run rejects with the reason, and the program is killed; an aborted signal starts nothing', async () => {
    const file = path.join(dir, 'abort.pid');
    const ac = new AbortController();
    const run = runner.run(node, sleeper(file), opts({ signal: ac.signal }));
    const pid = await pidIn(file);
    ac.abort(new Error('upload deleted'));
    await expect(run).rejects.toThrow('upload deleted');
    expect(await gone(pid)).toBe(true);
    await expect(runner.run(node, ['-e', ''], opts({ signal: ac.signal }))).rejects.toThrow('upload deleted');
  });

  test('a program kept running — fed line by line, it answers each as it comes (Danish letters whole, its environment and priority as asked); ended, it exits with its code', async () => {
    let out = '';
    const echo = runner.start(node, ['-e', "require('readline').createInterface({ input: process.stdin }).on('line', (l) => process.stdout.write(l.toUpperCase() + ' ' + process.env.KILDE_RUNNER_TEST + ' ' + require('os').getPriority() + ' æøå\\n')).on('close', () => process.exit(4))"], {
      env: { KILDE_RUNNER_TEST: 'ja' },
      nice: 5,
      onOutput: (text) => (out += text),
    });
    const answered = async (text: string) => {
      for (let i = 0; i < 200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 25));
      return out.includes(text);
    };
    echo.busy(true);
    echo.write('første\n');
    expect(await answered('FØRSTE ja 5 æøå\n')).toBe(true);
    echo.write('anden\n');
    expect(await answered('ANDEN ja 5 æøå\n')).toBe(true);
    echo.busy(false);
    echo.end();
    expect(await echo.exited).toEqual({ code: 4, stderr: '' });
  });

  test('a program kept running — killed, it ends on a signal; a program that does not exist ends at once; close ends those running and starts none', async () => {
    await endsOnSignal(runner, 'kept.pid', (p) => p.kill());
    expect((await runner.start(path.join(dir, 'no-such-program'), [], { onOutput: () => {} }).exited).code).toBeNull();
    const own = createProgramRunner();
    await endsOnSignal(own, 'closing.pid', () => own.close());
    expect(await own.start(node, ['-e', ''], { onOutput: () => {} }).exited).toEqual({ code: null, stderr: 'the program runner is closed' });
  });

  test('close — what runs is killed and rejects, and nothing more starts', async () => {
    const own = createProgramRunner();
    const file = path.join(dir, 'close.pid');
    const run = own.run(node, sleeper(file), opts());
    const pid = await pidIn(file);
    own.close();
    await expect(run).rejects.toThrow(/closed/);
    expect(await gone(pid)).toBe(true);
    await expect(own.run(node, ['-e', ''], opts())).rejects.toThrow(/closed/);
  });
});
