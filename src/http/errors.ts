import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError, type AppError } from '../errors.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

const HIDDEN = 'Something went wrong on our side. Please try again.';

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  CHANNEL_NOT_CONFIGURED: 503,
  PAYMENTS_NOT_CONFIGURED: 503,
  STORAGE_UNAVAILABLE: 503,
  FORBIDDEN: 403,
  IDENTITY_TAKEN: 409,
  INVALID_TRANSITION: 409,
  RETURN_NOT_ALLOWED: 409,
  EXCHANGE_NOT_AVAILABLE: 409,
  CONFLICT: 409,
  CONVERSATION_STATE: 409,
  CHANNEL_WINDOW_CLOSED: 409,
  NOT_FOUND: 404,
};

function statusOf(error: AppError): number {
  if (STATUS_BY_CODE[error.code]) return STATUS_BY_CODE[error.code] as number;
  if (error.category === 'user') return 400;
  if (error.category === 'third_party') return 502;
  return 500;
}

/** One error handler: users get a status, a stable code and a clear message; never a stack or internals. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = [error.validationContext, ...(first?.instancePath.split('/').filter(Boolean) ?? [])].join(
      '.',
    );
    const keys = (first?.params as { keys?: string[] } | undefined)?.keys;
    const body: ErrorBody = {
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: keys?.length
        ? `${field}.${keys[0]}: unknown field`
        : `${field}: ${first?.message ?? 'invalid'}`,
      field: keys?.length ? `${field}.${keys[0]}` : field,
    };
    void reply.status(400).send(body);
    return;
  }
  const { status, body } = toErrorBody(error, request);
  // A limit that knows when it lifts says so in the standard header too.
  const retryAfter = isAppError(error) ? error.details.retry_after : undefined;
  if ((status === 429 || status === 503) && typeof retryAfter === 'number')
    void reply.header('retry-after', String(retryAfter));
  void reply.status(status).send(body);
}

/** Status and body for any error: AppErrors speak for themselves, anything else is a hidden 500. */
export function toErrorBody(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (isAppError(error)) {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, error.message);
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return {
      status,
      body: {
        statusCode: status,
        error: error.code,
        // A 503 is ours to explain (a dependency is down, try again): its message names no internals.
        message: status >= 500 && status !== 503 ? HIDDEN : error.message,
        ...(field ? { field } : {}),
      },
    };
  }
  const e = error as Partial<FastifyError>;
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    return { status, body: { statusCode: 500, error: 'INTERNAL', message: HIDDEN } };
  }
  return {
    status,
    body: { statusCode: status, error: e.code ?? 'BAD_REQUEST', message: e.message ?? 'Bad request' },
  };
}
