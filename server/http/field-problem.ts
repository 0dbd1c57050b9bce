import type { Response } from 'express';
import type { AppError } from '../lib/errors';
import { toAppError } from './error-handler';

/** A refused field of a form (null: the form as a whole) and the refusal, in the reader's language. */
export interface FieldProblem<F extends string = string> {
  field: F | null;
  text: string;
  lang: string;
}

/**
 * Which field of a form a refusal is about, so the form can come back as typed with the refusal
 * beside that field: zod's path, else the field the service named (`details.field`), else `guess`,
 * and its text with the field named as the form labels it (`labels`: the message key of each
 * field's label).
 * An English field name the message starts with ("date: there is no month 13") gives way to the label.
 */
export function fieldProblem<F extends string>(res: Response, e: AppError, labels: Record<F, string>, guess: (e: AppError) => string | null = () => null): FieldProblem<F> {
  const isField = (name: unknown): name is F => typeof name === 'string' && Object.hasOwn(labels, name);
  const issues = (e.details?.issues ?? []) as Array<{ path?: string }>;
  const path = issues[0]?.path?.split('.')[0];
  const named = e.details?.field;
  const guessed = isField(named) ? named : guess(e);
  const field = isField(path) ? path : isField(guessed) ? guessed : null;
  const shown = (res.locals.errorText as (m: string) => { text: string; lang: string })(e.message);
  if (!field) return { field, ...shown };
  const label = (res.locals.t as (key: string) => string)(labels[field]);
  return { field, text: `${label}: ${shown.text.replace(new RegExp(`^${field}\\b:?\\s*`), '')}`, lang: shown.lang };
}

/**
 * A refusal of what a form sent (a field, or the whole body), to be answered with the form again as
 * typed; null for anything else — no access, not found, a fault — which the error handler answers.
 */
export function formRefusal(err: unknown): AppError | null {
  const e = toAppError(err, 0);
  return e && (e.code === 'validation_failed' || e.code === 'bad_request') ? e : null;
}
