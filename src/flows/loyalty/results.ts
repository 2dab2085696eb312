import type { LoyaltyQuote, LoyaltyStatus } from '../../agents/loyalty/loyalty-agent.js';
import type { RedemptionCheck } from '../../domain/loyalty.js';

export type LoyaltyResult =
  | { kind: 'status'; status: LoyaltyStatus; quote?: LoyaltyQuote }
  | { kind: 'quote'; quote: LoyaltyQuote }
  | {
      kind: 'redemption';
      check: RedemptionCheck;
      requested: number;
      cart_subtotal: number;
      min_redemption: number;
    };

declare module '../conversation.js' {
  interface AgentResults {
    loyalty?: LoyaltyResult;
  }
}
