import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServeChild {
  port: number;
  /** Everything it wrote to stderr so far (its JSON log lines). */
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `kilde serve` started as a user starts it (`bin/kilde.js`, its own process, a real port), waited
 * for until it logs that it serves. A first start after a source edit compiles once, which takes
 * seconds on two busy cores: hence the generous wait.
 */
export async function startServeChild(env: Record<string, string>, waitMs = 200_000): Promise<ServeChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kilde.js'), 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), KILDE_LOG_LEVEL: 'info', KILDE_OCR_WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = Date.now() + waitMs;
  while (!stderr.includes('Kilde is serving') && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return {
    port,
    stderr: () => stderr,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
