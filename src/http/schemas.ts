import { z } from 'zod';
import { CHANNELS } from '../domain/types.js';
import { messageSchema, sessionIdSchema, userIdSchema } from '../validation.js';

const productId = z.string().trim().min(1).max(64);
const quantity = z.number().int().min(1).max(99);
const color = z.string().trim().min(1).max(40);
const size = z.string().trim().min(1).max(20);
const price = z.number().min(0).max(1_000_000);
const points = z.number().int().min(0).max(10_000_000);
/** Anything structured a response carries; documented by example in docs/api.md. */
const structured = z.record(z.string(), z.unknown());

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
  degraded: z.boolean().describe('A language model was wanted but unavailable; answered offline'),
  usage: z
    .object({
      understood_by: z.string(),
      phrased_by: z.string(),
      calls: z.number().int(),
      prompt_tokens: z.number().int(),
      completion_tokens: z.number().int(),
      cost_usd: z.number().describe('Estimated from per-million-token prices'),
    })
    .describe('What language models did and cost for this turn'),
  data: structured,
});

export const healthResponseSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  database: z.enum(['connected', 'unavailable']),
  storage: z.string(),
  mistral_client: z.enum(['available', 'unavailable', 'not_configured']),
  understanding: z.string(),
  language_model: z
    .object({
      model: z.string(),
      mode: z.string(),
      circuit: z
        .string()
        .describe('closed: calls go through; open: answering offline until the cooldown ends'),
      last_error: z.string().nullable(),
    })
    .optional(),
  timestamp: z.string(),
});

const line = { product_id: productId.optional(), sku: z.string().trim().min(1).max(100).optional() };

export const cartOperationSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('view'), user_id: userIdSchema }).strict(),
  z.object({ action: z.literal('clear'), user_id: userIdSchema }).strict(),
  z
    .object({
      action: z.literal('add'),
      user_id: userIdSchema,
      product_id: productId,
      quantity: quantity.default(1),
      color: color.optional(),
      size: size.optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('update'),
      user_id: userIdSchema,
      ...line,
      quantity: z.number().int().min(0).max(99),
    })
    .strict(),
  z.object({ action: z.literal('remove'), user_id: userIdSchema, ...line }).strict(),
  z
    .object({
      action: z.literal('checkout'),
      user_id: userIdSchema,
      redeem_points: points.default(0),
      fulfilment: z.enum(['ship', 'pickup']).default('ship'),
      store_id: z.string().trim().min(1).max(64).optional(),
    })
    .strict(),
]);

export const recommendationsRequestSchema = z
  .object({
    user_id: userIdSchema,
    category: z.string().trim().min(1).max(60).toLowerCase().optional(),
    query: z.string().trim().min(1).max(200).optional(),
    brand: z.string().trim().min(1).max(80).optional(),
    color: color.optional(),
    size: size.optional(),
    min_price: price.optional(),
    max_price: price.optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();

const location = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();

export const inventoryRequestSchema = z
  .object({
    product_id: productId,
    user_id: userIdSchema.optional(),
    quantity: quantity.default(1),
    color: color.optional(),
    size: size.optional(),
    location: location.optional(),
    radius_km: z.number().positive().max(20_000).optional(),
  })
  .strict();

export const loyaltyRequestSchema = z
  .object({
    user_id: userIdSchema,
    action: z.enum(['status', 'calculate', 'redeem']).default('status'),
    order_total: price.optional(),
    points: points.optional(),
  })
  .strict();

export const productParamsSchema = z.object({ id: productId }).strict();

const queryNumber = z.coerce.number().min(0).max(1_000_000);
export const productSearchSchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    category: z.string().trim().min(1).max(60).toLowerCase().optional(),
    brand: z.string().trim().min(1).max(80).optional(),
    color: color.optional(),
    size: size.optional(),
    min_price: queryNumber.optional(),
    max_price: queryNumber.optional(),
    in_stock: z.enum(['true', 'false']).default('true'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const conversationParamsSchema = z.object({ session_id: sessionIdSchema }).strict();
export const conversationQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();

export const errorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export { structured };
