/**
 * The client side of the search benchmark over HTTP, run as a child process so that its own work
 * (building requests, reading and parsing answers) is not counted as the server's. It reads
 * `{ port, token, paths, warmup, status }` as JSON on stdin, sends the requests one at a time on one
 * keep-alive connection, and prints `{ ms, hits, totals }` as JSON on stdout: the latency of each
 * request from sending it to the last byte of the answer.
 *
 * `runSearchClient` starts the child and returns what it printed.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';

export interface ClientJob {
  port: number;
  token: string;
  /** Request paths with their query strings ("/api/search?q=…"). */
  paths: string[];
  /** Requests sent first and not timed (the first of `paths`, again). */
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

export function runSearchClient(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`search client exited with ${code}`));
      try {
        resolve(JSON.parse(out) as ClientResult);
      } catch (err) {
        reject(err);
      }
    });
    child.stdin.end(JSON.stringify(job));
  });
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
  });
}

async function child(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const job = JSON.parse(input) as ClientJob;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const path of job.paths.slice(0, job.warmup)) await get(agent, job, path);
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
  process.stdout.write(JSON.stringify(result));
}

if (require.main === module) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
