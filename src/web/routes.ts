import { randomUUID } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import { createSigner } from 'fast-jwt';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { AppDeps } from '../http/deps.js';
import { errorSchema } from '../http/schemas.js';
import { WEB_ASSETS, ensureWebAssets } from './build.js';

/** How long a guest's token lasts. */
const GUEST_DAYS = 30;

const page = (
  shopName: string,
  script = '<script src="/widget.js" data-mode="page" defer></script>',
) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shopName.replace(/[<&>"]/g, '')}</title>
</head>
<body>
<noscript>The chat needs JavaScript.</noscript>
${script}
</body>
</html>
`;

/**
 * The chat in a browser: the page at `/`, the embeddable `widget.js` and its pictures (built by
 * esbuild into dist/web when missing or stale, served by @fastify/static), and guest sessions for
 * visitors of a shop's public site.
 */
export const webRoutes =
  ({ auth, shopName = 'Shop' }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await ensureWebAssets();
    await app.register(fastifyStatic, { root: WEB_ASSETS, serve: false });
    // Loaded by other sites' pages: the widget and its pictures may be embedded cross-origin.
    const embeddable = { 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'no-cache' };

    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(page(`${shopName} - chat`)),
    );
    app.get('/admin', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(page(`${shopName} operator console`, '<script src="/admin.js" defer></script>')),
    );
    app.get('/admin.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').sendFile('admin.js'),
    );
    app.get('/widget.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.headers(embeddable).type('text/javascript; charset=utf-8').sendFile('widget.js'),
    );
    app.get(
      '/assets/products/:file',
      {
        config: { public: true },
        schema: { hide: true, params: z.object({ file: z.string().regex(/^[a-z0-9-]+\.svg$/) }) },
      },
      async (request, reply) => reply.headers(embeddable).sendFile(`products/${request.params.file}`),
    );

    const sign = auth.jwtSecret
      ? createSigner({ key: auth.jwtSecret, algorithm: 'HS256', expiresIn: GUEST_DAYS * 86_400_000 })
      : null;
    const configured = Boolean(auth.jwtSecret || auth.jwksUrl || auth.apiKeys.length);
    app.post(
      '/api/sessions/guest',
      {
        config: {
          public: true,
          // Per address: each call makes a new customer.
          rateLimit: { max: 20, timeWindow: '1 hour', keyGenerator: (request) => `guest:${request.ip}` },
        },
        schema: {
          tags: ['chat'],
          summary: `A guest for the web chat: a fresh user id and a token for it, valid ${GUEST_DAYS} days (null in local-only mode, where none is needed)`,
          body: z.object({}).strict().nullish(),
          response: {
            201: z.object({
              user_id: z.string(),
              token: z.string().nullable(),
              expires_at: z.string().nullable(),
            }),
            409: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (_request, reply) => {
        const user_id = `guest-${randomUUID()}`;
        if (!configured) return reply.code(201).send({ user_id, token: null, expires_at: null });
        if (!sign)
          throw new AppError(
            'CONFLICT',
            'Guest sessions need JWT_SECRET: this server only accepts tokens from the identity provider.',
          );
        const expires = new Date(Date.now() + GUEST_DAYS * 86_400_000).toISOString();
        return reply
          .code(201)
          .send({ user_id, token: sign({ sub: user_id, guest: true }), expires_at: expires });
      },
    );
  };
