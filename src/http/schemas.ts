import { z } from 'zod';
import { CHANNELS } from '../domain/types.js';
import { messageSchema, sessionIdSchema, userIdSchema } from '../validation.js';

export const chatRequestSchema = z
  .object({
    user_id: userIdSchema,
    channel: z.enum(CHANNELS).default('web'),
    message: messageSchema,
    session_id: sessionIdSchema.optional(),
  })
  .strict();

export const chatResponseSchema = z.object({
  session_id: z.string(),
  user_id: z.string(),
  response: z.string(),
  current_intent: z.string(),
  confidence: z.number(),
  last_agent: z.string(),
  cart_items_count: z.number().int(),
  workflow_step: z.string(),
  has_errors: z.boolean(),
  conversation_complete: z.boolean(),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const healthResponseSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  database: z.enum(['connected', 'unavailable']),
  storage: z.string(),
  mistral_client: z.enum(['available', 'not_configured']),
  understanding: z.string(),
  timestamp: z.string(),
});
