import { readFileSync } from 'node:fs';
import { z } from 'zod';
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

const envSchema = z.object({
  MISTRAL_API_KEY: optionalText,
  MISTRAL_MODEL: z.string().trim().min(1).default('mistral-large-latest'),
  MISTRAL_TEMPERATURE: number(z.number().min(0).max(2)).default(0.7),
  MISTRAL_MAX_TOKENS: number(z.number().int().min(1).max(32_000)).default(1000),
  STORAGE: z.enum(['sqlite', 'mongodb']).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1).default('./data/sales.db'),
  MONGODB_URI: z.string().trim().min(1).default('mongodb://localhost:27017'),
  MONGODB_DB_NAME: z.string().trim().min(1).default('sales_agent_db'),
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
});

export type Env = z.infer<typeof envSchema>;
export interface Config extends Env {
  agents: AgentSettings;
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
  return { ...parsed.data, agents: loadAgentSettings(parsed.data.AGENT_CONFIG_FILE) };
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
