import express from 'express';
import request from 'supertest';
import { createHttpActivity } from '../../server/http/activity';
import { createCpuSlots } from '../../server/ingest/threads/cpu-slots';

describe('HTTP activity — extraction leaves a core while people are answered', () => {
  function app(now: () => number) {
    const activity = createHttpActivity({ holdMs: 1000, now });
    const seen: boolean[] = [];
    const a = express();
    a.use(activity.middleware);
    a.get('/search', (_req, res) => {
      seen.push(activity.answering());
      res.json({ ok: true });
    });
    a.post('/upload', (req, res) => {
      seen.push(activity.answering());
      req.resume();
      req.on('end', () => res.status(202).json({ ok: true }));
    });
    a.get('/events', (_req, res) => {
      seen.push(activity.answering());
      res.type('text/event-stream').send('data: 1\n\n');
    });
    return { activity, seen, http: request(a) };
  }

  test('a request in flight, and for a second after it, counts as answering', async () => {
    let t = 10_000;
    const { activity, seen, http } = app(() => t);
    expect(activity.answering()).toBe(false);
    await http.get('/search').expect(200);
    expect(seen).toEqual([true]);
    t += 999;
    expect(activity.answering()).toBe(true);
    t += 2;
    expect(activity.answering()).toBe(false);
  });

  test('an upload counts while it streams in, but leaves no hold behind (its extraction gets every core)', async () => {
    let t = 10_000;
    const { activity, seen, http } = app(() => t);
    await http.post('/upload').attach('file', Buffer.from('%PDF-1.4 brev'), 'brev.pdf').expect(202);
    expect(seen).toEqual([true]);
    expect(activity.answering()).toBe(false);
    // A form posted without a file still holds, as any other request.
    await http.post('/upload').type('form').send({ title: 'x' }).expect(202);
    t += 500;
    expect(activity.answering()).toBe(true);
  });

  test('a server-sent event stream does not count (an open tab would hold a core for ever)', async () => {
    const { activity, seen, http } = app(() => 10_000);
    await http.get('/events').set('Accept', 'text/event-stream').expect(200);
    expect(seen).toEqual([false]);
    expect(activity.answering()).toBe(false);
  });

  test('CPU slots follow it: every core while idle, one fewer while answering', () => {
    let answering = false;
    const slots = createCpuSlots({ cores: 2, answering: () => answering });
    try {
      expect(slots.capacity()).toBe(2);
      answering = true;
      expect(slots.capacity()).toBe(1);
    } finally {
      slots.close();
    }
  });
});
