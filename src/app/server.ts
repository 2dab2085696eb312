import { assertSafeBinding } from '../config.js';
import { startMetricsServer } from '../metrics/internal-server.js';
import { manualMethodsFor } from '../shop/payments.js';
import type { AppContext } from './app-context.js';
import { buildApp } from './http.js';
import { startBackgroundJobs } from './jobs.js';

/**
 * Serves the app: starts the background jobs and the HTTP server, and shuts both down cleanly on
 * SIGINT/SIGTERM.
 */
export async function startServer(ctx: AppContext): Promise<{ close(): Promise<void>; url: string }> {
  assertSafeBinding(ctx.config);
  if (!ctx.config.authConfigured) {
    ctx.logger.warn(
      { host: ctx.config.API_HOST },
      'no authentication configured: local-only mode, every caller may act for any user; set JWT_SECRET, JWT_JWKS_URL or API_KEYS before exposing the API',
    );
  }
  const { config } = ctx;
  const receivesOnly = [
    config.WHATSAPP_APP_SECRET && !config.WHATSAPP_ACCESS_TOKEN && 'WhatsApp (WHATSAPP_ACCESS_TOKEN)',
    config.TELEGRAM_WEBHOOK_SECRET && !config.TELEGRAM_BOT_TOKEN && 'Telegram (TELEGRAM_BOT_TOKEN)',
    config.TWILIO_AUTH_TOKEN && !config.TWILIO_ACCOUNT_SID && 'SMS (TWILIO_ACCOUNT_SID)',
  ].filter(Boolean);
  if (receivesOnly.length > 0) {
    ctx.logger.warn({ channels: receivesOnly }, 'channels can receive but not reply: credentials missing');
  }
  if (config.PAYMENT_PROVIDER === 'manual' && manualMethodsFor(config.shop.payments).length === 0) {
    ctx.logger.warn(
      'no way to pay is listed: customers are told to contact the shop to pay their orders; list the ways you accept under payments in the shop file (bank_transfer, pay_at_pickup, cash_on_delivery), or set PAYMENT_PROVIDER=stripe',
    );
  }
  const lm = ctx.languageModel;
  if (lm) {
    // Checked in the background: a bad key or model shouldn't stop the shop, which answers offline.
    lm.model.verify().then(
      () => ctx.logger.info({ model: lm.model.name, mode: config.llm.mode }, 'language model ready'),
      (error: Error & { code?: string }) =>
        ctx.logger.error(
          { model: lm.model.name, code: error.code },
          `language model check failed: ${error.message}; turns are answered offline while calls fail`,
        ),
    );
  }
  const jobs = startBackgroundJobs(ctx);
  const app = await buildApp(ctx);
  const url = await app.listen({ host: ctx.config.API_HOST, port: ctx.config.API_PORT });
  const internal =
    config.METRICS_PORT !== undefined ? await startMetricsServer(ctx.metrics, config.METRICS_PORT) : null;
  if (internal) ctx.logger.info({ port: config.METRICS_PORT }, 'metrics on 127.0.0.1 without credentials');
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      jobs.stop();
      await internal?.close();
      await app.close();
      await ctx.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      ctx.logger.info({ signal }, 'shutting down');
      void close().then(() => process.exit(0));
    });
  }
  return { close, url };
}
