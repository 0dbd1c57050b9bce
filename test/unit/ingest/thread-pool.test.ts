import { spawnThread, ThreadError, type Thread } from '../../../server/ingest/threads/thread';
import { createThreadPool } from '../../../server/ingest/threads/thread-pool';

/** A real thread running plain JavaScript: counts its requests, can spin, throw or eat memory. */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
let served = 0;
const hoard = [];
parentPort.on('message', (m) => {
  served++;
  if (m.op === 'spin') for (;;) {}
  if (m.op === 'hoard') for (;;) hoard.push(new Array(1e5).fill(hoard.length));
  if (m.op === 'throw') return parentPort.postMessage({ id: m.id, error: { name: 'RangeError', message: 'bad input' } });
  parentPort.postMessage({ id: m.id, event: 'working' });
  parentPort.postMessage({ id: m.id, reply: served });
});
`;

const spawn = (): Thread =>
  spawnThread({ code: { source: SOURCE }, heapMb: 32, onDeath: ({ outOfMemory }) => new Error(outOfMemory ? 'out of memory' : 'crashed') });

const pool = (maxThreads = 1) => createThreadPool({ spawn, maxThreads, maxIdle: 1, idleMs: 5_000, closed: () => new Error('closed') });

describe('thread pool', () => {
  test('thread pool — two calls one after the other — reuse the warm thread and pass events before the reply', async () => {
    const p = pool();
    const events: unknown[] = [];
    const first = await p.acquire();
    expect(await first.call({ op: 'echo' }, { onEvent: (e) => events.push(e) })).toBe(1);
    p.release(first);
    const second = await p.acquire();
    expect(second).toBe(first);
    expect(await second.call({ op: 'echo' })).toBe(2);
    expect(events).toEqual(['working']);
    second.kill(new Error('done'));
  });

  test('thread pool — a call past its deadline — is rejected with the caller’s reason and the next caller gets a new thread', async () => {
    const p = pool();
    const thread = await p.acquire();
    const started = Date.now();
    await expect(thread.call({ op: 'spin' }, { timeoutMs: 200, onTimeout: () => new Error('took too long') })).rejects.toThrow('took too long');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(thread.dead?.message).toBe('took too long');
    p.release(thread);
    const next = await p.acquire();
    expect(next).not.toBe(thread);
    expect(await next.call({ op: 'echo' })).toBe(1);
    next.kill(new Error('done'));
  });

  test('thread pool — a thread over its heap limit — dies alone with an out-of-memory reason', async () => {
    const thread = spawn();
    await expect(thread.call({ op: 'hoard' }, { timeoutMs: 30_000 })).rejects.toThrow('out of memory');
  });

  test('thread pool — an error thrown in the thread — arrives as a ThreadError and leaves the thread usable', async () => {
    const thread = spawn();
    const err = await thread.call({ op: 'throw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadError);
    expect(err).toMatchObject({ message: 'bad input', errorName: 'RangeError' });
    expect(await thread.call({ op: 'echo' })).toBe(2);
    thread.kill(new Error('done'));
  });

  test('thread pool — more callers than threads — the second waits until the first releases', async () => {
    const p = pool(1);
    const first = await p.acquire();
    let second: Thread | null = null;
    const waiting = p.acquire().then((t) => (second = t));
    await new Promise((r) => setTimeout(r, 50));
    expect(second).toBeNull();
    p.release(first);
    await waiting;
    expect(second).toBe(first);
    first.kill(new Error('done'));
  });
});
