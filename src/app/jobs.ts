import type { AppContext } from './app-context.js';

/** How often unpaid orders are checked for having run out of time. */
const EXPIRY_INTERVAL_MS = 60_000;

/** How often unanswered channel messages whose lease ran out are looked for. */
const RECOVERY_INTERVAL_MS = 30_000;

/** How often conversation state and stream events past their retention are dropped. */
const RETENTION_INTERVAL_MS = 3_600_000;

/** The sweeps a serving process runs; `stop` ends them (the one in flight finishes on its own). */
export interface BackgroundJobs {
  stop(): void;
}

/**
 * Starts the sweeps every serving instance runs: channel messages a dead process left unanswered,
 * unpaid orders past their time and handoffs nobody took. Each item is handled once however many
 * instances sweep. Building an app context starts none of them: only the server command does.
 */
export function startBackgroundJobs(
  ctx: Pick<AppContext, 'channels' | 'orders' | 'agents' | 'config' | 'logger' | 'pruneConversations'>,
): BackgroundJobs {
  const { channels, logger } = ctx;
  // Messages acknowledged but left unanswered by a process that died are answered: now, and every so often
  // (another instance may die while this one runs).
  const connectors = { whatsapp: channels.whatsapp, telegram: channels.telegram, sms: channels.sms };
  const recover = () =>
    channels.dispatcher
      .recover(connectors)
      .then((n) => n > 0 && logger.info({ messages: n }, 'answering channel messages left unanswered'))
      .catch((error: unknown) => logger.error({ err: error }, 'recovering channel messages failed'));
  const anyChannel = Boolean(channels.whatsapp ?? channels.telegram ?? channels.sms);
  if (anyChannel) void recover();
  const every = Math.min(RECOVERY_INTERVAL_MS, (ctx.config.CHANNEL_LEASE_SECONDS * 1000) / 2);
  const sweeper = anyChannel ? setInterval(() => void recover(), every).unref() : undefined;
  // Unpaid orders past their time give their units and points back.
  const expireOrders = () =>
    ctx.orders
      .expireOverdue()
      .catch((error: unknown) => logger.error({ err: error }, 'expiring unpaid orders failed'));
  void expireOrders();
  // Handoffs nobody took in time become tickets, their customers told.
  const ticketHandoffs = () =>
    ctx.agents.handoff
      .ticketOverdue()
      .catch((error: unknown) => logger.error({ err: error }, 'sweeping waiting handoffs failed'));
  const expiry = setInterval(() => {
    void expireOrders();
    void ticketHandoffs();
  }, EXPIRY_INTERVAL_MS).unref();
  // Conversation state past what the next turn needs, and old stream events, are dropped every hour (one
  // instance at a time on a database server; deleting what another already deleted is harmless).
  const prune = () =>
    ctx
      .pruneConversations()
      .then((r) => (r.checkpoints > 0 || r.events > 0) && logger.info(r, 'dropped old conversation state'))
      .catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
  const retention = setInterval(() => void prune(), RETENTION_INTERVAL_MS).unref();
  // Also a minute after start, so instances restarted more often than hourly still sweep.
  const firstSweep = setTimeout(() => void prune(), 60_000).unref();
  return {
    stop() {
      clearInterval(sweeper);
      clearInterval(expiry);
      clearInterval(retention);
      clearTimeout(firstSweep);
    },
  };
}
