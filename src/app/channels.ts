import type { CartAgent } from '../agents/cart/cart-agent.js';
import { createChannelConnectors, type ChannelConnectors, type Channels } from '../channels/channels.js';
import { createChannelDispatcher } from '../channels/dispatcher.js';
import type { Fetch } from '../channels/http-client.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { ConversationResult, SalesEngine } from '../engine.js';
import { createChannelHandover } from '../identities/handover.js';
import { createIdentityCodes, type IdentityCodes } from '../identities/identity-codes.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { createCustomerNotices, type CustomerNotices } from '../notices/customer-notices.js';
import type { Storage } from '../storage/ports.js';
import { whatsappTemplateOf } from './agents.js';

/**
 * The sending side of the channels, built before the agents: customers are told what becomes of their
 * orders and returns, and operators' replies, in their conversation on their channel.
 */
export function createOutbound(
  config: Config,
  storage: Storage,
  options: { now: Clock; logger: Logger; fetch?: Fetch | undefined },
): { connectors: ChannelConnectors; notices: CustomerNotices } {
  const connectors = createChannelConnectors(config, options.fetch);
  const notices = createCustomerNotices(storage, connectors, {
    smsFrom: config.TWILIO_FROM_NUMBER,
    whatsappFrom: config.WHATSAPP_PHONE_NUMBER_ID,
    whatsappTemplate: whatsappTemplateOf(config),
    now: options.now,
    logger: options.logger,
  });
  return { connectors, notices };
}

/**
 * The receiving side, built after the engine it hands messages to: the dispatcher that answers channel
 * messages, and identity codes that link numbers and chats to customers (moving their conversations).
 */
export function createInbound(
  config: Config,
  storage: Storage,
  deps: {
    connectors: ChannelConnectors;
    engine: SalesEngine;
    cart: CartAgent;
    metrics: Metrics;
    now: Clock;
    logger: Logger;
  },
): { channels: Channels<ConversationResult>; identities: IdentityCodes } {
  const { engine, now, logger, metrics } = deps;
  const handover = createChannelHandover({
    channels: storage.channels,
    conversations: storage.conversations,
    engine,
    cart: deps.cart,
    logger,
  });
  const channels: Channels<ConversationResult> = {
    ...deps.connectors,
    dispatcher: createChannelDispatcher({
      engine,
      channels: storage.channels,
      conversations: storage.conversations,
      handover,
      logger,
      now,
      leaseMs: config.CHANNEL_LEASE_SECONDS * 1000,
      onOutcome: (channel, outcome) => metrics.observeDelivery(channel, outcome),
    }),
  };
  const identities = createIdentityCodes(storage, deps.connectors, {
    shopName: config.shop.name,
    smsFrom: config.TWILIO_FROM_NUMBER,
    whatsappFrom: config.WHATSAPP_PHONE_NUMBER_ID,
    limits: {
      perIdentityPerHour: config.IDENTITY_CODES_PER_HOUR,
      perAddressPerHour: config.IDENTITY_CODES_PER_ADDRESS_PER_HOUR,
      perDay: config.IDENTITY_CODES_PER_DAY,
      lockAfterFailures: config.IDENTITY_CODE_LOCK_AFTER_FAILURES,
      lockMinutes: config.IDENTITY_CODE_LOCK_MINUTES,
    },
    now,
    handover,
    logger,
  });
  return { channels, identities };
}
