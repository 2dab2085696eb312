import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { firstIssue } from '../validation.js';
import { currencyDigits } from '../domain/money.js';
import sample from './sample-shop.json' with { type: 'json' };
import { shopSchema, type Shop } from './shop.js';

/** Why a shop file was refused, naming the field. */
export class ShopFileError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'ShopFileError';
  }
}

/** Validates a shop configuration; errors name the first bad field, e.g. "shipping.0.cost: ...". */
export function parseShop(raw: unknown): Shop {
  const parsed = shopSchema.safeParse(raw);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new ShopFileError(`${path || 'file'}: ${message}`);
  }
  if (currencyDigits(parsed.data.currency) > 2) {
    throw new ShopFileError(
      `currency: ${parsed.data.currency} has more than two minor digits, which is not supported`,
    );
  }
  return parsed.data;
}

/** The shop file at `path` (JSON or YAML), or the sample shop shipped with the project when none is given. */
export function loadShop(path: string | undefined): Shop {
  if (!path) return parseShop(sample);
  let raw: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ShopFileError(`cannot read ${path} as JSON or YAML (${(error as Error).message})`);
  }
  return parseShop(raw);
}
