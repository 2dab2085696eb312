import type { ZodType } from 'zod';
import { AppError } from '../errors.js';

/** The channel's credentials are missing (the HTTP layer answers 503). */
export const notConfigured = (channel: string) =>
  new AppError('CHANNEL_NOT_CONFIGURED', `The ${channel} channel is not configured.`, {
    category: 'system',
  });

export function parseBody<T>(schema: ZodType<T>, body: unknown, channel: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `body: not a ${channel} webhook payload`);
  return parsed.data;
}
