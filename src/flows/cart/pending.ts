/** An action waiting for an answer, e.g. an add to cart that needs a size. */
export interface PendingAdd {
  action: 'add_to_cart';
  product_id: string;
  quantity: number;
  color?: string;
  size?: string;
  missing: ('color' | 'size')[];
  /** The colours and sizes offered, so "the first colour" can be read. */
  options?: { colors: string[]; sizes: string[] };
}

declare module '../conversation.js' {
  interface PendingQuestions {
    add_to_cart: PendingAdd;
  }
}
