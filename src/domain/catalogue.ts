/** The sample catalogue's categories, with words customers use for them. Imported catalogues add their own. */
export const CATEGORY_SYNONYMS: Record<string, string[]> = {
  laptops: ['laptop', 'laptops', 'notebook', 'notebooks', 'ultrabook', 'macbook', 'chromebook', 'computer'],
  phones: ['phone', 'phones', 'smartphone', 'smartphones', 'mobile', 'cell phone', 'iphone', 'android'],
  tablets: ['tablet', 'tablets', 'ipad', 'e-reader', 'ereader'],
  headphones: ['headphones', 'headphone', 'earbuds', 'earphones', 'headset', 'headsets', 'airpods', 'earbud'],
  shoes: [
    'shoes',
    'shoe',
    'sneakers',
    'sneaker',
    'trainers',
    'boots',
    'running shoes',
    'footwear',
    'sandals',
  ],
  jackets: ['jacket', 'jackets', 'coat', 'coats', 'parka', 'raincoat', 'rain coat', 'windbreaker', 'blazer'],
  't-shirts': [
    't-shirt',
    't-shirts',
    'tshirt',
    'tshirts',
    't shirt',
    't shirts',
    'tee',
    'tees',
    'shirt',
    'shirts',
  ],
  dresses: ['dress', 'dresses', 'gown', 'sundress'],
  hoodies: ['hoodie', 'hoodies', 'sweatshirt', 'sweatshirts', 'hoody', 'pullover', 'sweater', 'sweaters'],
  kitchen: [
    'kitchen',
    'cookware',
    'blender',
    'kettle',
    'coffee maker',
    'espresso machine',
    'pan',
    'pans',
    'knife',
  ],
  home: ['home', 'homeware', 'decor', 'lamp', 'lamps', 'bedding', 'cushion', 'candle', 'furniture'],
  'sports-outdoor': [
    'sports',
    'sport',
    'outdoor',
    'outdoors',
    'camping',
    'tent',
    'yoga mat',
    'fitness',
    'hiking gear',
  ],
};

/** Umbrella words that stand for several categories. */
export const CATEGORY_GROUPS: Record<string, string[]> = {
  electronics: ['laptops', 'phones', 'tablets', 'headphones'],
  clothing: ['jackets', 't-shirts', 'dresses', 'hoodies', 'shoes'],
  clothes: ['jackets', 't-shirts', 'dresses', 'hoodies', 'shoes'],
  apparel: ['jackets', 't-shirts', 'dresses', 'hoodies'],
};

/** Expands an umbrella word to its categories; a plain category stands for itself. */
/** A group's categories, or the category itself (a name like `__proto__` is just a category nobody sells). */
export const expandCategory = (category: string): string[] =>
  Object.hasOwn(CATEGORY_GROUPS, category) ? CATEGORY_GROUPS[category]! : [category];

export const COLORS = [
  'black',
  'white',
  'grey',
  'navy',
  'blue',
  'red',
  'green',
  'olive',
  'pink',
  'purple',
  'yellow',
  'orange',
  'brown',
  'beige',
  'silver',
  'gold',
  'teal',
] as const;

export const COLOR_SYNONYMS: Record<string, string[]> = {
  grey: ['grey', 'gray', 'charcoal'],
  navy: ['navy', 'navy blue', 'dark blue'],
  beige: ['beige', 'cream', 'sand', 'khaki'],
  white: ['white', 'ivory'],
  red: ['red', 'burgundy', 'maroon'],
};

export const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;

export const SIZE_WORDS: Record<string, string[]> = {
  XS: ['extra small', 'x-small', 'xs'],
  S: ['small'],
  M: ['medium', 'med'],
  L: ['large'],
  XL: ['extra large', 'x-large', 'xl'],
  XXL: ['xxl', '2xl', 'double extra large'],
};
