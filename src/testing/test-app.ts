import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { createTestContext } from './test-context.js';

/** The HTTP app over a test context (sample shop, in-memory database), quiet, to call with `inject`. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Parameters<typeof createTestContext>[1] = {},
): Promise<{ ctx: AppContext; app: FastifyInstance; close(): Promise<void> }> {
  const ctx = await createTestContext(env, options);
  const app = await buildApp(ctx, { logger: false });
  return {
    ctx,
    app,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
