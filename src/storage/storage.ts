import type { AuditStore } from './ports/audit.js';
import type { CartStore } from './ports/carts.js';
import type { ChannelStore } from './ports/channels.js';
import type { ConversationStore } from './ports/conversations.js';
import type { CustomerStore } from './ports/customers.js';
import type { InventoryStore } from './ports/inventory.js';
import type { ProductStore } from './ports/products.js';

/**
 * Everything the engine stores, behind one handle that owns the connection. A feature that stores data
 * adds its store here from its own port file (`declare module`), so storage imports no feature.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres' | 'mongodb';
  customers: CustomerStore;
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  conversations: ConversationStore;
  audit: AuditStore;
  channels: ChannelStore;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
