/**
 * The core storage ports, and the `Storage` aggregate. A feature that stores data keeps its port next to
 * its service (orders/, returns/, feedback/) and adds its store to `Storage` there.
 */
export type * from './ports/customers.js';
export type * from './ports/products.js';
export type * from './ports/inventory.js';
export type * from './ports/carts.js';
export type * from './ports/conversations.js';
export type * from './ports/audit.js';
export type * from './ports/channels.js';
export type * from './storage.js';
