import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('works with an empty environment: embedded SQLite, no model, documented agent defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ STORAGE: 'sqlite', API_PORT: 8000, LOG_LEVEL: 'info' });
    expect(config.MISTRAL_API_KEY).toBeUndefined();
    expect(config.agents).toEqual({
      recommendation_agent: { max_recommendations: 10, confidence_threshold: 0.7 },
      inventory_agent: { cache_ttl: 300, default_radius: 50 },
      loyalty_agent: { min_redemption: 100, point_value: 0.1 },
    });
  });

  it.each([
    ['API_PORT', 'eighty'],
    ['API_PORT', '70000'],
    ['MISTRAL_TEMPERATURE', '3'],
    ['STORAGE', 'oracle'],
    ['POSTGRES_URL', 'mysql://127.0.0.1/shop'],
    ['POSTGRES_POOL_MAX', '0'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://example.com'],
    ['LLM_PROVIDER', 'openai'],
    ['LLM_MODE', 'sometimes'],
    ['LLM_PRICE_INPUT_PER_M', 'cheap'],
    ['LLM_BASE_URL', 'localhost:11434'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${variable}:`),
    );
  });

  it('chooses the model set-up from what is configured, and says what is missing', () => {
    expect(loadConfig({}).llm).toEqual({ provider: 'offline', mode: 'offline' });
    expect(loadConfig({ MISTRAL_API_KEY: 'k' }).llm).toEqual({ provider: 'mistral', mode: 'hybrid' });
    expect(loadConfig({ MISTRAL_API_KEY: 'k', LLM_MODE: 'llm' }).llm.mode).toBe('llm');
    expect(
      loadConfig({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:11434/v1' }).llm,
    ).toEqual({ provider: 'openai-compatible', mode: 'hybrid' });
    expect(() => loadConfig({ LLM_PROVIDER: 'mistral' })).toThrow(/MISTRAL_API_KEY: is required/);
    expect(() => loadConfig({ LLM_PROVIDER: 'openai-compatible' })).toThrow(/LLM_BASE_URL: is required/);
    expect(() => loadConfig({ LLM_MODE: 'hybrid' })).toThrow(/LLM_MODE: hybrid needs a model/);
    expect(loadConfig({ LLM_PRICE_INPUT_PER_M: '0.25' }).LLM_PRICE_INPUT_PER_M).toBe(0.25);
  });

  it('needs POSTGRES_URL for STORAGE=postgres, and reads the pool size', () => {
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(
      /POSTGRES_URL: is required when STORAGE=postgres/,
    );
    const config = loadConfig({ STORAGE: 'postgres', POSTGRES_URL: 'postgres://shop@db:5432/shop' });
    expect(config).toMatchObject({ STORAGE: 'postgres', POSTGRES_POOL_MAX: 10 });
  });

  it('accepts the seed-style upper-case log level', () => {
    expect(loadConfig({ LOG_LEVEL: 'INFO' }).LOG_LEVEL).toBe('info');
  });

  it('overrides agent settings from a file and rejects unknown keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ loyalty_agent: { point_value: 0.05 } }));
    const config = loadConfig({ AGENT_CONFIG_FILE: good });
    expect(config.agents.loyalty_agent).toEqual({ min_redemption: 100, point_value: 0.05 });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ loyalty_agent: { point_valu: 1 } }));
    expect(() => loadConfig({ AGENT_CONFIG_FILE: bad })).toThrow(ConfigError);
  });
});
