import { randomUUID } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import { createSigner, createVerifier } from 'fast-jwt';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mergeCarts } from '../agents/cart/merge-carts.js';
import { AppError } from '../errors.js';
import { actorOf, assertActsFor, DEFAULT_JWT_MAX_AGE_HOURS } from '../http/auth.js';
import type { CartAgent } from '../agents/cart/cart-agent.js';
import type { Clock } from '../domain/clock.js';
import type { AuthSettings } from '../http/auth.js';
import { errorSchema, structured } from '../http/schemas.js';
import { DEFAULT_LIMITS, type SecuritySettings } from '../http/security.js';
import { WEB_ASSETS, ensureWebAssets } from './build.js';
import { GUEST_SESSION_PREFIX } from '../domain/customer.js';
import { plural } from '../replies/phrasing.js';
import type { Shop } from '../shop/shop.js';

/** How long a guest's token lasts, unless JWT_MAX_AGE_HOURS is shorter. */
const GUEST_HOURS = 30 * 24;

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

/** What the chat page and guest sessions use. */
export interface WebRouteDeps {
  /** Guest tokens are signed and checked as the API's own. */
  auth: Omit<AuthSettings, 'now'>;
  agents: { cart: Pick<CartAgent, 'view' | 'add' | 'remove'> };
  security: Pick<SecuritySettings, 'guestSessionsPerHour'>;
  now: Clock;
  /** The shop's name (the chat page's title), and the currency and locale its amounts are written in. */
  shop: Pick<Shop, 'name' | 'currency' | 'locale'>;
}

/**
 * The chat in a browser: the page at `/`, the embeddable `widget.js` and its pictures (built by
 * esbuild into dist/web-assets when missing or stale, served by @fastify/static), how the shop writes
 * amounts, and guest sessions for visitors of a shop's public site.
 */
export const webRoutes =
  ({ auth, agents, security, now, shop }: WebRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await ensureWebAssets();
    await app.register(fastifyStatic, { root: WEB_ASSETS, serve: false });
    // Loaded by other sites' pages: the widget and its pictures may be embedded cross-origin.
    const embeddable = { 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'no-cache' };

    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(page(`${shop.name} - chat`)),
    );
    app.get('/admin', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(page(`${shop.name} operator console`, '<script src="/admin.js" defer></script>')),
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

    // Public, like the page: the chat and console show amounts exactly as the assistant's replies do.
    const { name, currency, locale } = shop;
    app.get(
      '/api/shop',
      {
        config: { public: true },
        schema: {
          tags: ['chat'],
          summary:
            "The shop's name, and the currency (ISO 4217) and locale (BCP 47) its amounts are written in, for a page to show prices as the assistant's replies do",
          response: {
            200: z.object({
              name: z.string(),
              currency: z.string().describe('ISO 4217, e.g. USD'),
              locale: z.string().describe('BCP 47, e.g. en-US'),
            }),
          },
        },
      },
      async () => ({ name, currency, locale }),
    );

    // A guest's token must pass the same maximum age as any other.
    const guestHours = Math.min(GUEST_HOURS, auth.maxAgeHours ?? DEFAULT_JWT_MAX_AGE_HOURS);
    const lasts = guestHours % 24 === 0 ? plural(guestHours / 24, 'day') : plural(guestHours, 'hour');
    const sign = auth.jwtSecret
      ? createSigner({ key: auth.jwtSecret, algorithm: 'HS256', expiresIn: guestHours * 3_600_000 })
      : null;
    const configured = Boolean(
      auth.jwtSecret || auth.jwksUrl || auth.apiKeys.length || auth.adminApiKeys?.length,
    );
    const guestsPerHour = security.guestSessionsPerHour ?? DEFAULT_LIMITS.guestSessionsPerHour;
    app.post(
      '/api/sessions/guest',
      {
        config: {
          public: true,
          // Per address: each call makes a new customer.
          rateLimit: {
            max: guestsPerHour,
            timeWindow: '1 hour',
            keyGenerator: (request) => `guest:${request.ip}`,
            errorResponseBuilder: (_request, context) =>
              new AppError(
                'RATE_LIMITED',
                `Too many guest sessions from this address: at most ${context.max} an hour. Try again in ${context.after}.`,
              ),
          },
        },
        schema: {
          tags: ['chat'],
          summary: `A guest for the web chat: a fresh user id and a token for it, valid ${lasts} (null in local-only mode, where none is needed)`,
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
        const user_id = `${GUEST_SESSION_PREFIX}${randomUUID()}`;
        if (!configured) return reply.code(201).send({ user_id, token: null, expires_at: null });
        if (!sign)
          throw new AppError(
            'CONFLICT',
            'Guest sessions need JWT_SECRET: this server only accepts tokens from the identity provider.',
          );
        // Issued and expiring by the app's clock, which the token is read against.
        const iat = Math.floor(now().getTime() / 1000);
        const token = sign({ sub: user_id, guest: true, iat });
        const expires = new Date((iat + guestHours * 3600) * 1000).toISOString();
        return reply.code(201).send({ user_id, token, expires_at: expires });
      },
    );

    const { jwtSecret } = auth;
    // Read against the app's clock, so each check builds its verifier (cheap: no key derivation).
    const verify = jwtSecret
      ? (token: string) =>
          createVerifier({
            key: jwtSecret,
            algorithms: ['HS256'],
            requiredClaims: ['exp'],
            clockTimestamp: now().getTime(),
          })(token) as unknown
      : null;
    /** The guest a token was issued to; a clear 4xx for anything else. */
    const guestOf = (token: string): string => {
      let claims: { sub?: unknown; guest?: unknown };
      try {
        claims = verify!(token) as typeof claims;
      } catch (error) {
        throw new AppError(
          'VALIDATION_FAILED',
          `guest_token: not a valid guest token (${(error as Error).message})`,
          {
            details: { field: 'guest_token' },
          },
        );
      }
      if (
        claims.guest !== true ||
        typeof claims.sub !== 'string' ||
        !claims.sub.startsWith(GUEST_SESSION_PREFIX)
      )
        throw new AppError('VALIDATION_FAILED', 'guest_token: not a guest token', {
          details: { field: 'guest_token' },
        });
      return claims.sub;
    };
    app.post(
      '/api/sessions/merge',
      {
        schema: {
          tags: ['chat'],
          summary:
            "On sign-in: each line of the guest's cart joins the customer's whole if stock allows and leaves the guest's; a line that can't stays, listed in `skipped`. A customer proves the guest with its `guest_token`; staff and local-only mode may name `guest_user_id`",
          body: z
            .object({
              user_id: z.string().trim().min(1).max(128),
              guest_token: z.string().min(1).max(4096).optional(),
              guest_user_id: z
                .string()
                .trim()
                .regex(/^guest-[0-9a-f-]{36}$/)
                .optional(),
            })
            .strict()
            .refine((b) => b.guest_token || b.guest_user_id, 'needs guest_token or guest_user_id'),
          response: { 200: structured, 400: errorSchema, 401: errorSchema, 403: errorSchema },
        },
      },
      async (request) => {
        const { user_id, guest_token, guest_user_id } = request.body;
        assertActsFor(request, user_id);
        const p = request.principal;
        let guest: string;
        if (guest_token && verify) guest = guestOf(guest_token);
        else if (guest_user_id && p.kind !== 'customer') guest = guest_user_id;
        else
          throw new AppError(
            'VALIDATION_FAILED',
            'guest_token: a customer proves the guest session with its token',
            {
              details: { field: 'guest_token' },
            },
          );
        const { merged, skipped } = await mergeCarts(agents.cart, guest, user_id, actorOf(request));
        return { merged, skipped, cart: await agents.cart.view(user_id) };
      },
    );
  };
