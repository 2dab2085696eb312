import type { FeedbackStore } from '../feedback/feedback-store.js';
import type { OrderStore } from '../orders/order-store.js';
import type { ReturnStore } from '../returns/return-store.js';
import type { AuditStore } from './ports/audit.js';
import type { CartStore } from './ports/carts.js';
import type { ChannelStore } from './ports/channels.js';
import type { ConversationStore } from './ports/conversations.js';
import type { CustomerStore } from './ports/customers.js';
import type { InventoryStore } from './ports/inventory.js';
import type { ProductStore } from './ports/products.js';

/** Everything the engine stores, behind one handle that owns the connection. */
export interface Storage {
  readonly kind: 'sqlite' | 'mongodb';
  customers: CustomerStore;
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  returns: ReturnStore;
  feedback: FeedbackStore;
  conversations: ConversationStore;
  audit: AuditStore;
  channels: ChannelStore;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
