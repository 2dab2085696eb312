import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../bootstrap.js';
import { buildApp } from '../http/app.js';
import { depsFrom } from '../http/deps.js';
import { createTestContext } from './test-context.js';

/** The HTTP app over a test context (sample shop, in-memory database), quiet, to call with `inject`. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Parameters<typeof createTestContext>[1] = {},
): Promise<{ ctx: AppContext; app: FastifyInstance; close(): Promise<void> }> {
  const ctx = await createTestContext(env, options);
  const app = await buildApp({ ...depsFrom(ctx), logger: undefined });
  return {
    ctx,
    app,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
