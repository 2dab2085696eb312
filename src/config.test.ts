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
    ['STORAGE', 'postgres'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://example.com'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${variable}:`),
    );
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
