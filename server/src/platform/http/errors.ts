/**
 * Errors with a stable code, thrown by services and mapped to HTTP once, in the error handler.
 * Field messages are message keys from contracts; they are translated for the caller there.
 */
import type { ErrorCode } from '@airtalk/contracts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationFailed = (fields: Record<string, string>) =>
  new AppError('VALIDATION_FAILED', 422, 'Some fields need attention.', fields);

export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401, 'Sign in to continue.');

export const notFound = (what = 'This resource') => new AppError('NOT_FOUND', 404, `${what} was not found.`);

export const forbidden = (message = 'You may not do this.') => new AppError('FORBIDDEN', 403, message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    'RATE_LIMITED',
    429,
    `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
    undefined,
    retryAfterSeconds,
  );

export const serverBusy = (retryAfterSeconds = 1) =>
  new AppError('SERVER_BUSY', 503, 'The server is busy. Try again in a moment.', undefined, retryAfterSeconds);
