import type { Request, RequestHandler } from 'express';

/**
 * Whether the server is answering people right now: a request in flight, or one finished less than
 * `holdMs` ago. Extraction reads this to leave a core to HTTP ("search first"). It counts requests,
 * not the main thread's load: receiving an extraction's own pages also loads the main thread, and
 * a signal built on that load throttled one large upload to half its speed with nobody waiting.
 * Long-lived streams (server-sent events) are left out, or one open tab would count for ever.
 * The hold is short (250 ms): it bridges the gap between one person's requests in a burst, while an
 * upload's own request no longer holds its extraction to one core for the first second (a 500-page
 * PDF went from 357 to 466 pages/s here). An upload (a multipart POST) counts while it streams in
 * but leaves no hold: what follows it is its own extraction, not a burst of reading, and a hold
 * kept that extraction on one core for its first 250 ms (a quarter of a 500-page PDF's time). The
 * page a browser is sent to after the upload is a request of its own, and counts.
 */
export interface HttpActivity {
  middleware: RequestHandler;
  answering(): boolean;
}

export function createHttpActivity(opts: { holdMs?: number; now?: () => number } = {}): HttpActivity {
  const holdMs = opts.holdMs ?? 250;
  const now = opts.now ?? Date.now;
  let inFlight = 0;
  let lastEnded = -Infinity;
  return {
    answering: () => inFlight > 0 || now() - lastEnded < holdMs,
    middleware(req, res, next) {
      if (req.headers.accept === 'text/event-stream') return next();
      inFlight++;
      const holds = !isUpload(req);
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        inFlight--;
        if (holds) lastEnded = now();
      };
      res.once('finish', end);
      res.once('close', end);
      next();
    },
  };
}

function isUpload(req: Request): boolean {
  return req.method === 'POST' && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}
