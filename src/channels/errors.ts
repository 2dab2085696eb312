import type { ZodType } from 'zod';
import { AppError } from '../errors.js';

/** 503: the channel's credentials are missing. */
export const notConfigured = (channel: string) =>
  Object.assign(
    new AppError('CHANNEL_NOT_CONFIGURED', `The ${channel} channel is not configured.`, {
      category: 'system',
    }),
    {
      statusCode: 503,
    },
  );

export function parseBody<T>(schema: ZodType<T>, body: unknown, channel: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `body: not a ${channel} webhook payload`);
  return parsed.data;
}
