import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from './app-context.js';
import { startBackgroundJobs } from './jobs.js';

type JobContext = Parameters<typeof startBackgroundJobs>[0];

/** A context holding only what the jobs touch, each sweep counted. */
function jobContext(withChannel: boolean) {
  const sweeps = { recover: 0, expire: 0, ticket: 0 };
  const pruned = { times: 0 };
  const connector = { channel: 'telegram' };
  const ctx = {
    channels: {
      ...(withChannel ? { telegram: connector } : {}),
      dispatcher: { recover: async () => (sweeps.recover++, 0) },
    },
    orders: { expireOverdue: async () => (sweeps.expire++, 0) },
    agents: { handoff: { ticketOverdue: async () => (sweeps.ticket++, 0) } },
    config: { CHANNEL_LEASE_SECONDS: 120 },
    logger: { info: vi.fn(), error: vi.fn() },
    pruneConversations: async () => (pruned.times++, { checkpoints: 0, idle_conversations: 0, events: 0 }),
  } as unknown as JobContext & Pick<AppContext, 'logger'>;
  return { ctx, sweeps, pruned };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('background jobs', () => {
  it('expires unpaid orders and answers left channel messages at once, then sweeps every so often', async () => {
    const { ctx, sweeps } = jobContext(true);
    const jobs = startBackgroundJobs(ctx);
    await vi.advanceTimersByTimeAsync(0);
    expect(sweeps).toEqual({ recover: 1, expire: 1, ticket: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweeps).toEqual({ recover: 3, expire: 2, ticket: 1 });
    jobs.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sweeps).toEqual({ recover: 3, expire: 2, ticket: 1 });
  });

  it('looks for left channel messages only when a channel is configured', async () => {
    const { ctx, sweeps } = jobContext(false);
    const jobs = startBackgroundJobs(ctx);
    await vi.advanceTimersByTimeAsync(60_000);
    jobs.stop();
    expect(sweeps).toEqual({ recover: 0, expire: 2, ticket: 1 });
  });

  it('drops old conversation state a minute after start, then every hour', async () => {
    const { ctx, pruned } = jobContext(false);
    const jobs = startBackgroundJobs(ctx);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(pruned.times).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pruned.times).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(pruned.times).toBe(2);
    jobs.stop();
    await vi.advanceTimersByTimeAsync(7_200_000);
    expect(pruned.times).toBe(2);
  });
});
