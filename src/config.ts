import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { loadShop, ShopFileError } from './shop/load-shop.js';
import type { Shop } from './shop/shop.js';
import { firstIssue } from './validation.js';

/** Agent tuning; defaults follow the product's documented settings, overridable by AGENT_CONFIG_FILE. */
const agentSettingsSchema = z
  .object({
    recommendation_agent: z
      .object({
        max_recommendations: z.number().int().min(1).max(50).default(10),
        confidence_threshold: z.number().min(0).max(1).default(0.7),
      })
      .strict()
      .prefault({}),
    inventory_agent: z
      .object({
        cache_ttl: z.number().int().min(0).default(300),
        default_radius: z.number().positive().default(50),
      })
      .strict()
      .prefault({}),
    loyalty_agent: z
      .object({
        min_redemption: z.number().int().min(1).default(100),
        point_value: z.number().positive().default(0.1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type AgentSettings = z.infer<typeof agentSettingsSchema>;

const number = (schema: z.ZodNumber) => z.coerce.number().pipe(schema);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Comma-separated secret keys, 24 characters or more each. */
const keyList = optionalText.pipe(
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(24, 'each key must be at least 24 characters')))
    .optional(),
);

/** proxy-addr's names for whole ranges, which Fastify's trustProxy accepts beside addresses. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address/prefix (CIDR) or one of PROXY_RANGES. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-For is believed for the caller's address: none (the default), every hop,
 * the nearest N hops, or the proxies' addresses and CIDR ranges.
 */
const trustProxy = optionalText.transform((value, ctx): boolean | number | string[] => {
  const v = value?.toLowerCase();
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad === undefined) return entries;
  ctx.addIssue({
    code: 'custom',
    message: `"${bad}" is not true, false, a number of proxies, or an address, CIDR range, loopback, linklocal or uniquelocal`,
  });
  return z.NEVER;
});

const envSchema = z.object({
  MISTRAL_API_KEY: optionalText,
  MISTRAL_MODEL: z.string().trim().min(1).default('mistral-large-latest'),
  MISTRAL_TEMPERATURE: number(z.number().min(0).max(2)).default(0.7),
  MISTRAL_MAX_TOKENS: number(z.number().int().min(1).max(32_000)).default(1000),
  LLM_PROVIDER: z.enum(['mistral', 'openai-compatible', 'offline']).optional(),
  LLM_MODE: z.enum(['offline', 'hybrid', 'llm']).optional(),
  LLM_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  LLM_API_KEY: optionalText,
  /**
   * The OpenAI-compatible server's model, temperature and answer limit. Unset, each falls back to its
   * MISTRAL_* variable: those configured both providers before, and still serve as aliases.
   */
  LLM_MODEL: optionalText,
  LLM_TEMPERATURE: number(z.number().min(0).max(2)).optional(),
  LLM_MAX_TOKENS: number(z.number().int().min(1).max(32_000)).optional(),
  LLM_TIMEOUT_MS: number(z.number().int().min(100).max(300_000)).default(10_000),
  LLM_MAX_RETRIES: number(z.number().int().min(0).max(10)).default(2),
  LLM_BREAKER_FAILURES: number(z.number().int().min(1).max(1000)).default(5),
  LLM_BREAKER_COOLDOWN_MS: number(z.number().int().min(100).max(3_600_000)).default(30_000),
  LLM_PHRASING: z.enum(['auto', 'always', 'never']).default('auto'),
  LLM_STRUCTURED_OUTPUT: z.enum(['json_schema', 'tool_call']).default('json_schema'),
  LLM_PRICE_INPUT_PER_M: optionalText
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().min(0).optional()),
  LLM_PRICE_OUTPUT_PER_M: optionalText
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().min(0).optional()),
  STORAGE: z.enum(['sqlite', 'postgres', 'mongodb']).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1).default('./data/sales.db'),
  /** Where the trained intent classifier is kept between starts; empty trains it on every start. */
  NLU_CACHE_DIR: z
    .string()
    .trim()
    .default('./data/cache')
    .transform((v) => (v === '' ? undefined : v)),
  POSTGRES_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Connections each instance opens to PostgreSQL at most (the server's max_connections is shared by all). */
  POSTGRES_POOL_MAX: number(z.number().int().min(1).max(1000)).default(10),
  /** Checkpoints of conversation state kept per conversation (the next turn reads only the newest). */
  CHECKPOINTS_PER_CONVERSATION: number(z.number().int().min(1).max(1000)).default(3),
  /** Days a conversation may be idle before its state (not its transcript) is dropped. */
  CONVERSATION_STATE_DAYS: number(z.number().int().min(1).max(3650)).default(30),
  /** Days conversation events (what live streams replay) are kept. */
  CONVERSATION_EVENTS_DAYS: number(z.number().int().min(1).max(3650)).default(7),
  MONGODB_URI: z.string().trim().min(1).default('mongodb://localhost:27017'),
  MONGODB_DB_NAME: z.string().trim().min(1).default('sales_agent_db'),
  MONGODB_POOL_MAX: number(z.number().int().min(1).max(1000)).default(10),
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  API_PORT: number(z.number().int().min(0).max(65_535)).default(8000),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .default('info'),
  AGENT_CONFIG_FILE: optionalText,
  SHOP_CONFIG_FILE: optionalText,
  JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  JWT_JWKS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  /** Longest a token is accepted after it was issued; tokens must also say when they expire. */
  JWT_MAX_AGE_HOURS: number(z.number().int().min(1).max(8760)).default(720),
  API_KEYS: keyList,
  /** A loopback-only port serving /metrics without credentials, for a scraper beside the server. */
  METRICS_PORT: number(z.number().int().min(1).max(65_535)).optional(),
  /** Keys that act as the shop's staff (admin role): the operator console signs in with one. */
  ADMIN_API_KEYS: keyList,
  CORS_ORIGINS: optionalText.transform((v) =>
    v
      ? v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
  ),
  RATE_LIMIT_PER_MINUTE: number(z.number().int().min(1).max(1_000_000)).default(100),
  RATE_LIMIT_PER_IP_PER_MINUTE: number(z.number().int().min(1).max(1_000_000)).default(1000),
  AUTH_FAILURES_PER_MINUTE: number(z.number().int().min(1).max(1_000_000)).default(20),
  /** Live conversation streams one customer may hold open at once (a tab each), in this instance. */
  STREAMS_PER_USER: number(z.number().int().min(1).max(10_000)).default(5),
  /** Live streams customers may hold open at once from one address (people behind one router share it). */
  STREAMS_PER_ADDRESS: number(z.number().int().min(1).max(1_000_000)).default(20),
  /** Live queue streams one operator may hold open at once. */
  STREAMS_PER_OPERATOR: number(z.number().int().min(1).max(10_000)).default(10),
  /**
   * How often an open stream re-reads the database without being woken, and sends its keep-alive: at
   * most 30 s, as proxies drop connections idle for a minute.
   */
  STREAM_RECHECK_SECONDS: number(z.number().int().min(1).max(30)).default(15),
  /** Guest sessions one address may start an hour: each is a new customer who can fill a cart. */
  GUEST_SESSIONS_PER_HOUR: number(z.number().int().min(1).max(1_000_000)).default(20),
  /** Behind a reverse proxy: whose X-Forwarded-For names the caller (limits and lockouts are per caller). */
  TRUST_PROXY: trustProxy,
  /** Where the shop takes payment: by hand (admin API), or Stripe Checkout. */
  PAYMENT_PROVIDER: z.enum(['manual', 'stripe']).default('manual'),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** Where Stripe sends the customer after paying. */
  STRIPE_SUCCESS_URL: optionalText.pipe(z.url().optional()),
  STRIPE_API_BASE_URL: optionalText.pipe(z.url().optional()),
  /** Minutes an order may stay unpaid before it expires and its units and points go back. */
  ORDER_PAYMENT_TIMEOUT_MINUTES: number(z.number().int().min(1).max(43_200)).default(60),
  /** Unpaid orders one customer may hold at once. */
  MAX_UNPAID_ORDERS: number(z.number().int().min(1).max(100)).default(3),
  /** Share of a variant's units (at a location) that unpaid orders together may hold; 1 for no limit. */
  UNPAID_STOCK_SHARE: number(z.number().gt(0).max(1)).default(0.5),
  /** Guests cost nothing to make: their unpaid orders lapse sooner, and hold less. */
  GUEST_ORDER_PAYMENT_TIMEOUT_MINUTES: number(z.number().int().min(1).max(43_200)).default(15),
  GUEST_MAX_UNITS_PER_VARIANT: number(z.number().int().min(1).max(100_000)).default(10),
  /** Units of a variant that guests' unpaid orders placed from one address may hold together. */
  GUEST_MAX_UNITS_PER_ADDRESS: number(z.number().int().min(1).max(100_000)).default(20),
  /** How long a process may take to answer a channel message before another one takes it over. */
  CHANNEL_LEASE_SECONDS: number(z.number().int().min(1).max(86_400)).default(120),
  CHANNEL_MESSAGES_PER_MINUTE: number(z.number().int().min(1).max(1_000_000)).default(20),
  WHATSAPP_VERIFY_TOKEN: optionalText,
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_API_BASE_URL: z.url().default('https://graph.facebook.com/v21.0'),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'may contain A-Z, a-z, 0-9, _ and - only (Telegram rule)')
      .optional(),
  ),
  TELEGRAM_API_BASE_URL: z.url().default('https://api.telegram.org'),
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  /** The shop's Twilio number: identity codes are texted from it. */
  TWILIO_FROM_NUMBER: optionalText.pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +15551234567')
      .optional(),
  ),
  /** The shop's WhatsApp phone number id: identity codes go from it when SMS is not set up. */
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  /** Identity codes an hour to one number or chat, and for one customer. */
  IDENTITY_CODES_PER_HOUR: number(z.number().int().min(1).max(100)).default(3),
  /** Identity codes an hour asked for from one client address. */
  IDENTITY_CODES_PER_ADDRESS_PER_HOUR: number(z.number().int().min(1).max(10_000)).default(10),
  /** Identity codes the whole shop sends in any 24 hours: what texting codes may cost at most. */
  IDENTITY_CODES_PER_DAY: number(z.number().int().min(1).max(1_000_000)).default(200),
  /** Wrong tries at one number's or chat's codes (over a week) before it gets no codes for a while. */
  IDENTITY_CODE_LOCK_AFTER_FAILURES: number(z.number().int().min(1).max(1000)).default(10),
  /** That first lock, doubling with each further code's worth of wrong tries (up to a week). */
  IDENTITY_CODE_LOCK_MINUTES: number(z.number().int().min(1).max(10_080)).default(60),
  /**
   * An approved WhatsApp template with one body parameter ({{1}}), for operator replies more than 24
   * hours after the customer last wrote, and its language code.
   */
  WHATSAPP_REPLY_TEMPLATE: optionalText,
  WHATSAPP_TEMPLATE_LANGUAGE: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(?:_[A-Z]{2})?$/, 'a WhatsApp language code such as en_US or es')
    .default('en_US'),
  SMS_MAX_CHARS: number(z.number().int().min(160).max(1600)).default(1600),
  /** Minutes a customer waits for a person before being told nobody is free and the chat becomes a ticket. */
  HANDOFF_TIMEOUT_MINUTES: number(z.number().int().min(1).max(10_080)).default(15),
  /** Where each new handoff is announced: a JSON POST with a Slack-compatible `text`. */
  HANDOFF_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
});

export type Env = z.infer<typeof envSchema>;

/** Which model, if any, understands and phrases; resolved from LLM_PROVIDER, LLM_MODE and the keys. */
export interface LlmSettings {
  provider: 'mistral' | 'openai-compatible' | 'offline';
  mode: 'offline' | 'hybrid' | 'llm';
}

export interface Config extends Env {
  agents: AgentSettings;
  /** The shop's own facts (name, currency, shipping, pickup, policies), from SHOP_CONFIG_FILE or the sample. */
  shop: Shop;
  llm: LlmSettings;
  /** True when any of JWT_SECRET, JWT_JWKS_URL or API_KEYS is set; otherwise the API is local-only. */
  authConfigured: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new ConfigError(path || 'environment', message);
  }
  const values = parsed.data;
  if (values.PAYMENT_PROVIDER === 'stripe') {
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const)
      if (!values[name]) throw new ConfigError(name, 'is required when PAYMENT_PROVIDER=stripe');
  }
  if (values.STORAGE === 'postgres' && !values.POSTGRES_URL)
    throw new ConfigError(
      'POSTGRES_URL',
      'is required when STORAGE=postgres (e.g. postgres://user@host:5432/shop)',
    );
  const authConfigured = Boolean(
    values.JWT_SECRET || values.JWT_JWKS_URL || values.API_KEYS?.length || values.ADMIN_API_KEYS?.length,
  );
  return {
    ...values,
    authConfigured,
    llm: llmSettings(values),
    agents: loadAgentSettings(values.AGENT_CONFIG_FILE),
    shop: shopFrom(values.SHOP_CONFIG_FILE),
  };
}

/**
 * With a Mistral key and nothing else said, the model is Mistral in hybrid mode; with neither a key nor
 * a provider, the product runs offline. A provider that can't work as configured fails naming why.
 */
function llmSettings(env: Env): LlmSettings {
  const provider = env.LLM_PROVIDER ?? (env.MISTRAL_API_KEY ? 'mistral' : 'offline');
  if (provider === 'mistral' && !env.MISTRAL_API_KEY) {
    throw new ConfigError('MISTRAL_API_KEY', 'is required when LLM_PROVIDER=mistral');
  }
  if (provider === 'openai-compatible' && !env.LLM_BASE_URL) {
    throw new ConfigError(
      'LLM_BASE_URL',
      'is required when LLM_PROVIDER=openai-compatible (for example http://127.0.0.1:11434/v1 for Ollama)',
    );
  }
  const mode = env.LLM_MODE ?? (provider === 'offline' ? 'offline' : 'hybrid');
  if (provider === 'offline' && mode !== 'offline') {
    throw new ConfigError(
      'LLM_MODE',
      `${mode} needs a model: set MISTRAL_API_KEY, or LLM_PROVIDER=openai-compatible with LLM_BASE_URL`,
    );
  }
  return { provider, mode };
}

/** Without authentication the API is for the machine it runs on; serving anything wider is refused. */
export function assertSafeBinding(config: Config): void {
  if (!config.authConfigured && !isLoopback(config.API_HOST)) {
    throw new ConfigError(
      'API_HOST',
      `${config.API_HOST} is not a loopback address and no authentication is configured; set JWT_SECRET, JWT_JWKS_URL or API_KEYS, or bind to 127.0.0.1`,
    );
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function loadAgentSettings(file: string | undefined): AgentSettings {
  if (!file) return agentSettingsSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('AGENT_CONFIG_FILE', `cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = agentSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new ConfigError('AGENT_CONFIG_FILE', `${path || 'file'}: ${message}`);
  }
  return parsed.data;
}

function shopFrom(file: string | undefined): Shop {
  try {
    return loadShop(file);
  } catch (error) {
    if (error instanceof ShopFileError) throw new ConfigError('SHOP_CONFIG_FILE', error.message);
    throw error;
  }
}
