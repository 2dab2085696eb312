import { z } from 'zod';
import { CHANNELS } from '../domain/types.js';
import { MAX_MESSAGE_LENGTH } from '../engine.js';

const userId = z.string().trim().min(1).max(128);

export const chatRequestSchema = z
  .object({
    user_id: userId,
    channel: z.enum(CHANNELS).default('web'),
    message: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH),
    session_id: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[\w.:-]+$/, 'may contain letters, digits and . _ : - only')
      .optional(),
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
