/** A return being put together in conversation: what goes back, why, and what was last asked. */
export interface ReturnDraft {
  items: { sku: string; quantity: number; exchange_for?: { color?: string; size?: string } }[];
  reason: string | null;
  /** The question open: which item, which size or colour instead, why, or "start it?". */
  asked: 'item' | 'variant' | 'reason' | 'confirm';
}
