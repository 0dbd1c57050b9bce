import { z } from 'zod';
import { optionalString } from '../http/validate';

/** Inputs of the document routes. */
export const uploadFields = z.object({
  title: optionalString.pipe(z.string().max(500, 'title is longer than 500 characters').optional()),
  date: optionalString,
  notes: optionalString.pipe(z.string().max(20_000, 'notes are longer than 20,000 characters').optional()),
});

export const documentId = z.string().regex(/^doc_[A-Za-z0-9_-]{10,40}$/, 'not a document id');

export const extractBody = z.object({
  password: z.string().max(1000).optional(),
});

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

export const accessBody = z.object({
  level: z.enum(['newsroom', 'restricted', 'embargoed']),
  embargoUntil: z.string().datetime({ offset: true, message: 'embargoUntil must be an ISO date-time, e.g. 2026-12-01T06:00:00Z' }).optional(),
  users: z.array(z.string().max(64)).max(200).default([]),
});

/** The HTML form: a datetime-local value and user ids as a comma-separated list. */
export const accessForm = z.object({
  level: z.enum(['newsroom', 'restricted', 'embargoed']),
  embargoUntil: z.string().max(40).refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'not a date and time').optional(),
  users: z.string().max(5000).optional(),
});
