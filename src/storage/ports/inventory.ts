import type { SkuStock, StockLevel, Store } from '../../domain/types.js';

/** Stock per variant per location (stores and the online warehouse). */
export interface InventoryStore {
  stores(): Promise<Store[]>;
  getStore(storeId: string): Promise<Store | null>;
  upsertStores(stores: readonly Store[]): Promise<void>;
  stockForProduct(productId: string): Promise<StockLevel[]>;
  stockForProducts(productIds: readonly string[]): Promise<StockLevel[]>;
  /** Per-variant totals (all locations, and online), for showing availability at a glance. */
  skuTotals(productIds: readonly string[]): Promise<SkuStock[]>;
  /**
   * Sets what is on hand (imports, restocks). Units reserved for unpaid orders stay reserved: the
   * available quantity read back is the level less those.
   */
  setStock(levels: readonly StockLevel[]): Promise<void>;
}
