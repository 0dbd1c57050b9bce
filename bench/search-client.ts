/**
 * The client side of the search benchmark over HTTP, run as a child process so that its own work
 * (building requests, reading and parsing answers) is not counted as the server's. The child lives
 * for the whole comparison and takes jobs one after another: `{ port, token, paths, warmup, status }`
 * as one line of JSON on stdin, answered by `{ ms, hits, totals }` as one line on stdout. A job sends
 * its requests one at a time on one keep-alive connection; `ms` is each request's latency from
 * sending it to the last byte of the answer.
 *
 * Why one child for all turns, warmed first: a Node process a few dozen requests old still runs its
 * HTTP client in V8's interpreter and compiles it to machine code as it goes, on the same two cores
 * as the server. A fresh child per turn of 50 requests timed that warm-up: a bare server answering
 * with no work at all measured p95 2.2–3.0 ms from such a child, 0.9 ms from a warm one (20k pages,
 * same run). That is the client's cost, not the server's: the benchmark sends 2,000 untimed
 * requests first (a job's `warmup`) to pay it before anything is timed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import readline from 'node:readline';

export interface ClientJob {
  port: number;
  token: string;
  /** Request paths with their query strings ("/api/search?q=…"). */
  paths: string[];
  /** Requests sent first and not timed, going round `paths` from its start (a new connection's first). */
  warmup: number;
  /** The status every answer must have (200 unless given). */
  status?: number;
}

export interface ClientResult {
  /** Latency of each timed request, in order, ms. */
  ms: number[];
  /** Answers with at least one document. */
  hits: number;
  /** Sum of the answers' totals. */
  totals: number;
}

export interface SearchClient {
  /** Runs one job in the child and resolves with what it measured. */
  run(job: ClientJob): Promise<ClientResult>;
  /** Ends the child. */
  close(): Promise<void>;
}

/** Starts the child; jobs run one at a time, in the order given. */
export function startSearchClient(): SearchClient {
  const child: ChildProcess = spawn(process.execPath, [__filename], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (r: ClientResult) => void; reject: (e: Error) => void }> = [];
  let ended: Error | null = null;
  const fail = (err: Error) => {
    ended ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    const w = waiting.shift();
    try {
      w?.resolve(JSON.parse(line) as ClientResult);
    } catch (err) {
      w?.reject(err as Error);
    }
  });
  child.on('error', fail);
  child.stdin?.on('error', fail); // the child gone: its pipe refuses the job
  const closed = new Promise<void>((resolve) => {
    child.on('close', (code) => {
      fail(new Error(`search client exited with ${code}`));
      resolve();
    });
  });
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        if (ended) return reject(ended);
        waiting.push({ resolve, reject });
        child.stdin?.write(`${JSON.stringify(job)}\n`);
      });
    },
    async close() {
      child.stdin?.end();
      await closed;
    },
  };
}

function get(agent: http.Agent, job: ClientJob, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: job.port, path, agent, headers: { authorization: `Bearer ${job.token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A server that never answers fails the job (and the benchmark) instead of stalling it.
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path}: no answer in 30 s`)));
  });
}

async function runJob(job: ClientJob): Promise<ClientResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < job.warmup && job.paths.length > 0; i++) await get(agent, job, job.paths[i % job.paths.length] as string);
  const result: ClientResult = { ms: [], hits: 0, totals: 0 };
  const bodies: Buffer[] = [];
  for (const path of job.paths) {
    const t0 = performance.now();
    const res = await get(agent, job, path);
    result.ms.push(performance.now() - t0);
    if (res.status !== (job.status ?? 200)) throw new Error(`GET ${path} answered ${res.status}`);
    bodies.push(res.body);
  }
  // Read after timing: parsing is the client's cost, not the server's.
  for (const body of bodies) {
    const total = (JSON.parse(body.toString('utf8')) as { total?: number }).total ?? 0;
    if (total > 0) result.hits++;
    result.totals += total;
  }
  agent.destroy();
  return result;
}

async function child(): Promise<void> {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(await runJob(JSON.parse(line) as ClientJob))}\n`);
  }
}

if (require.main === module) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1); // stdin stays open: without exit the parent would wait for an answer for ever
  });
}
