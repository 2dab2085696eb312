import { useState } from 'preact/hooks';
import type { CardChoice, ProductCard } from './api.js';
import { useMoney } from './money.js';

type Option = 'color' | 'size';

/** Units online of the variants in this colour and size; an empty one matches any. */
const online = (card: ProductCard, color: string, size: string): number =>
  card.variant_stock
    .filter((v) => (!color || v.color === color) && (!size || v.size === size))
    .reduce((n, v) => n + v.online, 0);

/** Units anywhere (stores too) of the variants in this colour and size. */
const anywhere = (card: ProductCard, color: string, size: string): number =>
  card.variant_stock
    .filter((v) => (!color || v.color === color) && (!size || v.size === size))
    .reduce((n, v) => n + v.total, 0);

/** The first colour or size that can be ordered alongside the other choice ('' when none can). */
function firstOrderable(card: ProductCard, option: Option, other: string): string {
  const values = option === 'color' ? card.colors : card.sizes;
  const fits = (value: string) =>
    option === 'color' ? online(card, value, other) > 0 : online(card, other, value) > 0;
  return values.find(fits) ?? '';
}

/**
 * The price to show for the colour and size chosen: the one variant's they pick out, else the card's
 * ("from" when its variants' prices differ). A struck-through price only where the data has one.
 */
function priceOf(card: ProductCard, color: string, size: string) {
  const matching = card.variant_stock.filter(
    (v) => (!color || v.color === color) && (!size || v.size === size),
  );
  const one = matching.length === 1 ? matching[0] : undefined;
  return one ? { ...one, from: false } : { ...card, from: card.price_varies };
}

const labelOf = (option: Option, value: string) => (option === 'size' ? `size ${value}` : value);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Why what the customer asked for is not what the card starts on ("Size M is sold out"). */
function notes(choice: CardChoice | undefined): string[] {
  return (choice?.unavailable ?? []).map(({ option, value, reason }) => {
    const other: Option = option === 'color' ? 'size' : 'color';
    const chosen = choice?.[other];
    const label = labelOf(option, value);
    const within = chosen ? ` in ${labelOf(other, chosen)}` : '';
    if (reason === 'not_made') return `Doesn't come in ${label}${within}.`;
    if (reason === 'sold_out') return `${capital(label)} is sold out${within}.`;
    return `${capital(label)} is only in stores${within}, not online.`;
  });
}

/**
 * A product with its colour and size, starting on what the customer asked for. An option that can't be
 * ordered with the other choice is disabled and says why; the card never starts on one.
 */
export function Product({
  card,
  imageUrl,
  send,
}: {
  card: ProductCard;
  imageUrl: string;
  send: (text: string) => void;
}) {
  const money = useMoney();
  const asked = card.preselect;
  const [color, setColor] = useState(
    () => asked?.color ?? (firstOrderable(card, 'color', asked?.size ?? '') || card.colors[0] || ''),
  );
  const [size, setSize] = useState(
    () => asked?.size ?? (firstOrderable(card, 'size', color) || card.sizes[0] || ''),
  );
  const stock =
    card.total_quantity === 0
      ? 'Out of stock'
      : card.low_stock
        ? `Only ${card.total_quantity} left`
        : 'In stock';
  const orderable = online(card, color, size) > 0;
  const price = priceOf(card, color, size);
  const add = () =>
    send(`add ${card.product_id}${color ? ` in ${color}` : ''}${size ? ` size ${size}` : ''} to my cart`);
  /** An option's text: as it is, or with why it can't be ordered with the other choice. */
  const shown = (value: string, units: number, inStores: number) =>
    units > 0 ? value : `${value} (${inStores > 0 ? 'in stores only' : 'sold out'})`;
  return (
    <article class="card" aria-label={card.name}>
      <img src={imageUrl} alt="" width={96} height={96} />
      <div class="card-body">
        <h3>{card.name}</h3>
        <p class="price">
          {price.from && 'from '}
          {money(price.price)}
          {price.compare_at_price !== undefined && (
            <>
              {' '}
              <s class="was">
                <span class="sr-only">was </span>
                {money(price.compare_at_price)}
              </s>
            </>
          )}
        </p>
        {card.reason && <p class="reason">{card.reason}</p>}
        <p class={`stock ${card.total_quantity === 0 ? 'out' : card.low_stock ? 'low' : 'in'}`}>{stock}</p>
        {notes(asked).map((n) => (
          <p class="note" key={n}>
            {n}
          </p>
        ))}
        {card.colors.length > 1 && (
          <label>
            Colour{' '}
            <select
              value={color}
              onChange={(e) => {
                const next = (e.target as HTMLSelectElement).value;
                setColor(next);
                // The size stays if it can be had in the new colour, else the first one that can.
                if (online(card, next, size) === 0) setSize(firstOrderable(card, 'size', next) || size);
              }}
            >
              {card.colors.map((c) => (
                <option key={c} value={c} disabled={online(card, c, '') === 0}>
                  {shown(c, online(card, c, ''), anywhere(card, c, ''))}
                </option>
              ))}
            </select>
          </label>
        )}
        {card.sizes.length > 1 && (
          <label>
            Size{' '}
            <select value={size} onChange={(e) => setSize((e.target as HTMLSelectElement).value)}>
              {card.sizes.map((s) => (
                <option key={s} value={s} disabled={online(card, color, s) === 0}>
                  {shown(s, online(card, color, s), anywhere(card, color, s))}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" disabled={!orderable} onClick={add}>
          Add to cart
        </button>
      </div>
    </article>
  );
}
