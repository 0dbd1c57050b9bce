import type { ProgramRunner, RunningProgram } from '../threads/program-runner';

/**
 * One `tesseract` program kept running, reading the pages named on its stdin one after another
 * (`-c stream_filelist=true`), its TSV on stdout. Its models load once instead of for every
 * reading: that load is 0.3–0.4 s of each one-off program (dan+eng best_int), and twelve pages
 * read by one program took 4.8 s where twelve programs took 9.8 s, word for word the same.
 *
 * The program writes each page's TSV in one piece, but nothing marks its end. So after every page
 * a blank sentinel page is named too: the first row of the sentinel's TSV (its page number is the
 * page's plus one) says the page's rows are all in. One page is read at a time, so a program that
 * fails or is killed takes no other page with it.
 */
export interface TesseractStream {
  /** The TSV of the page image in `file` (rows of that page only), or a rejection. */
  read(file: string, opts: ReadOptions): Promise<string>;
  /** Pages read so far. */
  readonly pages: number;
  /** False once the program has exited or been stopped: it takes no more pages. */
  readonly alive: boolean;
  /** Ends the program (its stdin closed: it exits when it has nothing left). */
  close(): void;
}

export interface ReadOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  onTimeout(): Error;
}

export interface StreamOptions {
  runner: ProgramRunner;
  bin: string;
  /** Tesseract's options after the input and output names (models, languages, TSV). */
  args: string[];
  /** A blank page image read after each page (see above). */
  sentinel: string;
  env?: Record<string, string>;
  nice?: number;
}

interface Reading {
  /** The page's number in the program's TSV (1-based, sentinels counted). */
  page: number;
  rows: string[];
  resolve(tsv: string): void;
  reject(err: Error): void;
}

/** A tesseract program that ended with an error: its exit code and the last line it wrote to stderr. */
export const tesseractFailed = (code: number | null, stderr: string): Error =>
  new Error(`OCR failed: tesseract exited ${code ?? 'on a signal'}: ${stderr.trim().split('\n').pop() ?? ''}`);

export function startTesseractStream(options: StreamOptions): TesseractStream {
  let reading: Reading | null = null;
  let listed = 0;
  let read = 0;
  let alive = true;
  let partial = '';

  const program: RunningProgram = options.runner.start(options.bin, ['stdin', 'stdout', ...options.args, '-c', 'stream_filelist=true'], {
    env: options.env,
    nice: options.nice,
    onOutput(text) {
      const rows = (partial + text).split('\n');
      partial = rows.pop()!;
      for (const row of rows) take(row);
    },
  });
  void program.exited.then(({ code, stderr }) => {
    alive = false;
    finish(tesseractFailed(code, stderr));
  });

  /** A TSV row: the page's own, or the sentinel's first, which ends the page. The header row has no number. */
  function take(row: string): void {
    if (!reading) return;
    const tab = row.indexOf('\t');
    const page = Number(row.slice(tab + 1, row.indexOf('\t', tab + 1)));
    if (page === reading.page) reading.rows.push(row);
    else if (page === reading.page + 1) finish(null, reading.rows.join('\n'));
  }

  function finish(err: Error | null, tsv = ''): void {
    const r = reading;
    if (!r) return;
    reading = null;
    program.busy(false);
    if (err) r.reject(err);
    else r.resolve(tsv);
  }

  /** Stops the program with `err` for the page it reads: a deadline, an abort, or a close. */
  function stop(err: Error): void {
    alive = false;
    program.kill();
    finish(err);
  }

  return {
    read(file, opts) {
      if (!alive) return Promise.reject(new Error('OCR failed: the tesseract program has stopped'));
      if (reading) return Promise.reject(new Error('a tesseract program reads one page at a time'));
      if (/[\r\n]/.test(file)) return Promise.reject(new Error(`a page file name cannot hold a line break: ${JSON.stringify(file)}`));
      opts.signal?.throwIfAborted();
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => stop(opts.onTimeout()), opts.timeoutMs);
        const onAbort = () => stop(opts.signal!.reason instanceof Error ? opts.signal!.reason : new Error('aborted'));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
        };
        reading = {
          page: listed + 1,
          rows: [],
          resolve: (tsv) => (settle(), read++, resolve(tsv)),
          reject: (err) => (settle(), reject(err)),
        };
        listed += 2;
        program.busy(true);
        program.write(`${file}\n${options.sentinel}\n`);
      });
    },
    get pages() {
      return read;
    },
    get alive() {
      return alive;
    },
    close() {
      if (!alive) return;
      alive = false;
      finish(new Error('OCR pool is closed')); // as the pool says it: a closed pool's pages are not read again elsewhere
      program.end();
    },
  };
}
