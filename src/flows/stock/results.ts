import type { Availability, StoreListing } from '../../agents/inventory/inventory-agent.js';

export type InventoryResult =
  | { kind: 'availability'; availability: Availability }
  | { kind: 'stores'; stores: StoreListing[]; located: boolean; place: string | null }
  | { kind: 'no_product' };

declare module '../conversation.js' {
  interface AgentResults {
    inventory?: InventoryResult;
  }
}
