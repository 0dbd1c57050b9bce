import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Tags every request with an id (echoed in `X-Request-Id`) so a log line can be found from a report. */
export const requestId: RequestHandler = (_req, res, next) => {
  res.locals.requestId = randomUUID();
  res.setHeader('X-Request-Id', res.locals.requestId as string);
  next();
};
