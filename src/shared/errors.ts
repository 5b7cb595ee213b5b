// Errors cross the process boundary as plain values the user can act on; stack traces stay in the log.

export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  /** Too many tries of something guarded (sign-in) from one screen or address: wait and try again. */
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ValidationIssue {
  /** Where in the input the problem is, e.g. `passenger.email`; empty for the input as a whole. */
  path: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  /** A plain sentence for the screen: what happened and what to do. */
  message: string;
  issues?: ValidationIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, issues?: ValidationIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (errorCodes as readonly string[]).includes(candidate.code)
  );
}
