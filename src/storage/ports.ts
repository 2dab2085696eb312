/**
 * Every storage port, and the `Storage` aggregate. Core stores live in ports/, a feature that stores
 * data keeps its port next to its service (orders/, returns/, feedback/).
 */
export type * from './ports/customers.js';
export type * from './ports/products.js';
export type * from './ports/inventory.js';
export type * from './ports/carts.js';
export type * from '../orders/order-store.js';
export type * from '../returns/return-store.js';
export type * from './ports/conversations.js';
export type * from './ports/audit.js';
export type * from './ports/channels.js';
export type * from '../feedback/feedback-store.js';
export type * from './storage.js';
