/** Who is at fault: maps to HTTP status classes (4xx for user, 5xx/502 for the others). */
export type ErrorCategory = 'user' | 'system' | 'third_party';

/** The one error type the project throws on purpose; `code` is stable and UPPER_SNAKE. */
export class AppError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly details: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { category?: ErrorCategory; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.category = options.category ?? 'user';
    this.details = options.details ?? {};
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
