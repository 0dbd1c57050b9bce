/**
 * The one error type of Kilde. Services throw it with a stable code and a message a user can read;
 * the HTTP error handler maps it to a status and to HTML or `{ error: { code, message } }`.
 * Anything that is not an AppError reaches a client only as "internal error".
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_type'
  | 'range_not_satisfiable'
  | 'needs_password'
  | 'wrong_password'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_type: 415,
  range_not_satisfiable: 416,
  needs_password: 422,
  wrong_password: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Every code, for what must know them all (the error pages' titles in both languages). */
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];

/** The HTTP status of a code; undefined for a string that is no code (a stored reason). */
export function statusOf(code: string): number | undefined {
  return (STATUS as Record<string, number | undefined>)[code];
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found.`);
  }

  static invalid(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('validation_failed', message, details);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
