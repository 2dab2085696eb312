import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LlmUsage } from '../llm/port.js';
import type { Storage } from '../storage/ports.js';

/** What the engine reports of each finished turn. */
export interface TurnObservation {
  intent: string;
  agent: string;
  channel: string;
  ms: number;
  degraded: boolean;
  usage: LlmUsage;
}

export interface Metrics {
  readonly registry: Registry;
  observeTurn(turn: TurnObservation): void;
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
  /** How a messaging-channel message ended: `processed` (answered and sent), `failed`, `send_failed`. */
  observeDelivery(channel: string, outcome: string): void;
}

export interface MetricsSources {
  storage: Pick<Storage, 'conversations' | 'orders'>;
  /** The language model's circuit (`closed`, `open`, `half-open`), when one is configured. */
  circuit?: () => string;
}

const CIRCUIT = { closed: 0, 'half-open': 1, open: 2 } as Record<string, number>;

/**
 * Prometheus metrics (prom-client, in a registry of its own so several apps in one process never
 * share counters): HTTP requests, turns by intent, agent and channel with their latency, model calls,
 * tokens and cost, the model's circuit, and conversations waiting for or with a person.
 */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sales_agent_process_' });
  const requests = new Histogram({
    name: 'sales_agent_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const turns = new Counter({
    name: 'sales_agent_turns_total',
    help: 'Conversation turns by intent, answering agent and channel',
    labelNames: ['intent', 'agent', 'channel'] as const,
    registers: [registry],
  });
  const degraded = new Counter({
    name: 'sales_agent_turns_degraded_total',
    help: 'Turns completed offline because the language model failed',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'sales_agent_turn_duration_seconds',
    help: 'Time to complete a turn, by channel',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'sales_agent_model_calls_total',
    help: 'Language model calls',
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'sales_agent_model_tokens_total',
    help: 'Language model tokens, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const cost = new Counter({
    name: 'sales_agent_model_cost_usd_total',
    help: 'Estimated language model cost in US dollars',
    registers: [registry],
  });
  new Gauge({
    name: 'sales_agent_model_circuit_state',
    help: "The language model's circuit breaker: 0 closed, 1 half-open, 2 open",
    registers: [registry],
    collect() {
      if (sources.circuit) this.set(CIRCUIT[sources.circuit()] ?? 0);
    },
  });
  new Gauge({
    name: 'sales_agent_conversations_with_people',
    help: 'Conversations waiting for a person (handoff) or with one (human)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await sources.storage.conversations.countByStatus();
      for (const status of ['handoff', 'human'] as const)
        this.set({ status }, counts.find((c) => c.status === status)?.count ?? 0);
    },
  });

  const ORDER_STATUSES = [
    'pending_payment',
    'paid',
    'fulfilled',
    'delivered',
    'cancelled',
    'expired',
  ] as const;
  const orderValue = new Gauge({
    name: 'sales_agent_order_value',
    help: 'Sum of order totals, by status (revenue: paid, fulfilled, delivered)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'sales_agent_orders',
    help: 'Orders by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      // Counted and summed by the database (in whole cents), each status set: one with none reads 0.
      const totals = await sources.storage.orders.statusTotals();
      for (const status of ORDER_STATUSES) {
        const of = totals.find((t) => t.status === status);
        this.set({ status }, of?.count ?? 0);
        orderValue.set({ status }, of?.total ?? 0);
      }
    },
  });

  const deliveries = new Counter({
    name: 'sales_agent_channel_messages_total',
    help: 'WhatsApp, Telegram and SMS messages by outcome: processed (answered and sent), failed, send_failed',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });

  return {
    registry,
    observeDelivery(channel, outcome) {
      deliveries.inc({ channel, outcome });
    },
    observeTurn(t) {
      turns.inc({ intent: t.intent, agent: t.agent, channel: t.channel });
      if (t.degraded) degraded.inc({ channel: t.channel });
      latency.observe({ channel: t.channel }, t.ms / 1000);
      if (t.usage.calls > 0) calls.inc(t.usage.calls);
      if (t.usage.prompt_tokens > 0) tokens.inc({ kind: 'prompt' }, t.usage.prompt_tokens);
      if (t.usage.completion_tokens > 0) tokens.inc({ kind: 'completion' }, t.usage.completion_tokens);
      if (t.usage.cost_usd > 0) cost.inc(t.usage.cost_usd);
    },
    observeRequest(r) {
      requests.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds);
    },
  };
}
