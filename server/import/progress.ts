import cliProgress from 'cli-progress';

/**
 * Progress of an import on stderr (stdout stays for the summary or `--json`): a bar with the rate
 * and the time left (cli-progress) on a terminal; elsewhere (a log, a pipe, CI) plain lines, one
 * every tenth of the way or every few seconds, whichever comes first.
 */
export interface Progress {
  start(phase: string, unit: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export function createProgress(opts: { tty: boolean; write: (text: string) => void; stream?: NodeJS.WritableStream; quiet?: boolean; now?: () => number }): Progress {
  if (opts.quiet) return { start() {}, update() {}, stop() {} };
  return opts.tty && opts.stream ? barProgress(opts.stream, opts.now ?? Date.now) : lineProgress(opts.write, opts.now ?? Date.now);
}

const rateOf = (done: number, ms: number) => (ms > 0 ? (done * 1000) / ms : 0);
const formatRate = (r: number) => (r >= 10 ? r.toFixed(0) : r.toFixed(1));

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function barProgress(stream: NodeJS.WritableStream, now: () => number): Progress {
  let bar: cliProgress.SingleBar | null = null;
  let started = 0;
  let total = 0;
  return {
    start(phase, unit, count) {
      bar?.stop();
      started = now();
      total = count;
      bar = new cliProgress.SingleBar(
        {
          format: `${phase.padEnd(10)} |{bar}| {value}/{total} ${unit} | {rate} ${unit}/s | {left} left`,
          stream,
          hideCursor: true,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(count, 0, { rate: '0', left: 'unknown' });
    },
    update(done) {
      const rate = rateOf(done, now() - started);
      bar?.update(done, { rate: formatRate(rate), left: formatDuration(rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY) });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function lineProgress(write: (text: string) => void, now: () => number): Progress {
  let phase = '';
  let unit = '';
  let total = 0;
  let started = 0;
  let lastAt = 0;
  let lastStep = 0;
  let last = -1;
  const line = (done: number) => {
    const elapsed = now() - started;
    const rate = rateOf(done, elapsed);
    const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = total ? Math.floor((done * 100) / total) : 100;
    write(`${phase}: ${done}/${total} ${unit} (${pct}%), ${formatRate(rate)} ${unit}/s, ${done >= total ? `done in ${formatDuration(elapsed / 1000)}` : `about ${formatDuration(left)} left`}\n`);
    lastAt = now();
    last = done;
  };
  return {
    start(p, u, t) {
      phase = p;
      unit = u;
      total = t;
      started = now();
      lastAt = started;
      lastStep = 0;
      last = -1;
    },
    update(done) {
      const step = total ? Math.floor((done * 10) / total) : 10;
      if (done !== last && (step > lastStep || now() - lastAt >= 5000 || done >= total)) {
        lastStep = step;
        line(done);
      }
    },
    stop() {},
  };
}
