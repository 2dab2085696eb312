/** What the sample catalogue is made of: per category, brands, product lines and how products vary. */
export interface CategoryTemplate {
  category: string;
  prefix: string;
  noun: string;
  brands: string[];
  lines: string[];
  qualifiers: string[];
  price: [number, number];
  colors: string[];
  /** Sizes each product comes in; empty when the category has no sizes. */
  sizes: string[];
  /** How many colours one product is offered in. */
  colorsPerProduct: [number, number];
  tags: string[];
  attributes: (pick: <T>(items: readonly T[]) => T) => Record<string, string | number | boolean>;
  describe: string;
}

const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const SHOE_SIZES = ['6', '7', '8', '9', '10', '11', '12'];

export const TEMPLATES: CategoryTemplate[] = [
  {
    category: 'laptops',
    prefix: 'LAPTOP',
    noun: 'Laptop',
    brands: ['Northwind', 'Lumen', 'Vertex', 'Corvid'],
    lines: ['ProBook', 'AirLite', 'Studio', 'Blade', 'Workmate', 'Flex', 'Quantum'],
    qualifiers: ['13', '14', '15', '16', 'X', 'Pro', 'Plus'],
    price: [449, 2799],
    colors: ['silver', 'grey', 'black'],
    sizes: [],
    colorsPerProduct: [1, 2],
    tags: ['work', 'business', 'student', 'gaming', 'creator', 'lightweight', 'long battery'],
    attributes: (pick) => ({
      ram_gb: pick([8, 16, 32]),
      storage_gb: pick([256, 512, 1024]),
      screen_inches: pick([13.3, 14, 15.6, 16]),
      battery_hours: pick([8, 10, 12, 18]),
    }),
    describe:
      'A {tag} laptop with {ram_gb} GB of memory, {storage_gb} GB of storage and up to {battery_hours} hours of battery.',
  },
  {
    category: 'phones',
    prefix: 'PHONE',
    noun: 'Phone',
    brands: ['Aurora', 'Pixelon', 'Nova', 'Orbit'],
    lines: ['One', 'Edge', 'Lite', 'Max', 'Mini', 'Ultra'],
    qualifiers: ['5G', 'S', 'Pro', '2', '3', 'Neo'],
    price: [199, 1399],
    colors: ['black', 'white', 'blue', 'green', 'pink', 'silver'],
    sizes: [],
    colorsPerProduct: [2, 4],
    tags: ['camera', 'battery', 'compact', '5g', 'budget', 'flagship'],
    attributes: (pick) => ({
      storage_gb: pick([128, 256, 512]),
      camera_mp: pick([12, 48, 50, 108]),
      screen_inches: pick([6.1, 6.4, 6.7]),
    }),
    describe:
      'A {tag} smartphone with a {camera_mp} MP camera, {storage_gb} GB of storage and a {screen_inches}-inch screen.',
  },
  {
    category: 'tablets',
    prefix: 'TABLET',
    noun: 'Tablet',
    brands: ['Lumen', 'Aurora', 'Pageturn'],
    lines: ['Slate', 'Canvas', 'Reader', 'Tab'],
    qualifiers: ['8', '10', '11', 'Air', 'Kids'],
    price: [99, 1099],
    colors: ['grey', 'silver', 'blue'],
    sizes: [],
    colorsPerProduct: [1, 2],
    tags: ['reading', 'drawing', 'kids', 'travel', 'streaming'],
    attributes: (pick) => ({
      storage_gb: pick([32, 64, 128, 256]),
      screen_inches: pick([8, 10.2, 11, 12.9]),
    }),
    describe: 'A {tag} tablet with a {screen_inches}-inch display and {storage_gb} GB of storage.',
  },
  {
    category: 'headphones',
    prefix: 'HEAD',
    noun: 'Headphones',
    brands: ['Sonora', 'Bassline', 'Quietude', 'Northwind'],
    lines: ['Studio', 'Buds', 'Pulse', 'Travel', 'Sport'],
    qualifiers: ['ANC', 'Wireless', 'Pro', 'Lite', '2'],
    price: [29, 449],
    colors: ['black', 'white', 'blue', 'beige'],
    sizes: [],
    colorsPerProduct: [1, 3],
    tags: ['noise cancelling', 'wireless', 'travel', 'running', 'studio', 'office'],
    attributes: (pick) => ({
      battery_hours: pick([6, 20, 30, 40]),
      wireless: true,
      noise_cancelling: pick([true, false]),
    }),
    describe: '{tag} headphones with {battery_hours} hours of battery life.',
  },
  {
    category: 'shoes',
    prefix: 'SHOE',
    noun: 'Shoes',
    brands: ['Stride', 'Summit', 'Trailside', 'Velo'],
    lines: ['Runner', 'Trail', 'Court', 'Walker', 'Boot', 'Glide'],
    qualifiers: ['2', 'GTX', 'Lite', 'Max', 'Classic'],
    price: [39, 229],
    colors: ['black', 'white', 'grey', 'blue', 'red', 'green'],
    sizes: SHOE_SIZES,
    colorsPerProduct: [1, 3],
    tags: ['running', 'trail', 'walking', 'waterproof', 'casual', 'gym'],
    attributes: (pick) => ({
      material: pick(['mesh', 'leather', 'knit', 'suede']),
      waterproof: pick([true, false]),
    }),
    describe: '{tag} shoes in breathable {material}, made for all-day comfort.',
  },
  {
    category: 'jackets',
    prefix: 'JACKET',
    noun: 'Jacket',
    brands: ['Summit', 'Trailside', 'Harbor', 'Nordkap'],
    lines: ['Parka', 'Shell', 'Puffer', 'Windbreaker', 'Denim', 'Field'],
    qualifiers: ['Insulated', 'Lite', 'Storm', 'Classic', 'Packable'],
    price: [49, 499],
    colors: ['black', 'navy', 'olive', 'red', 'beige', 'grey'],
    sizes: APPAREL_SIZES,
    colorsPerProduct: [1, 3],
    tags: ['waterproof', 'winter', 'rain', 'hiking', 'city', 'lightweight'],
    attributes: (pick) => ({
      material: pick(['nylon', 'down', 'denim', 'recycled polyester', 'wool']),
      waterproof: pick([true, false]),
    }),
    describe: 'A {tag} jacket in {material}, cut for layering.',
  },
  {
    category: 't-shirts',
    prefix: 'TSHIRT',
    noun: 'T-Shirt',
    brands: ['Basics Co', 'Harbor', 'Velo', 'Trailside'],
    lines: ['Everyday', 'Pocket', 'Graphic', 'Performance', 'Organic'],
    qualifiers: ['Crew', 'V-Neck', 'Slim', 'Relaxed', 'Long Sleeve'],
    price: [12, 59],
    colors: ['white', 'black', 'grey', 'navy', 'red', 'green', 'yellow'],
    sizes: APPAREL_SIZES,
    colorsPerProduct: [2, 4],
    tags: ['cotton', 'organic', 'gym', 'casual', 'summer'],
    attributes: (pick) => ({
      material: pick(['cotton', 'organic cotton', 'merino', 'polyester blend']),
      fit: pick(['slim', 'regular', 'relaxed']),
    }),
    describe: 'A {fit}-fit t-shirt in soft {material}.',
  },
  {
    category: 'dresses',
    prefix: 'DRESS',
    noun: 'Dress',
    brands: ['Maison Lila', 'Harbor', 'Solstice'],
    lines: ['Wrap', 'Midi', 'Maxi', 'Shift', 'Slip', 'Sundress'],
    qualifiers: ['Floral', 'Linen', 'Satin', 'Classic', 'Evening'],
    price: [35, 289],
    colors: ['black', 'red', 'blue', 'green', 'pink', 'beige', 'white'],
    sizes: APPAREL_SIZES,
    colorsPerProduct: [1, 3],
    tags: ['wedding', 'summer', 'party', 'work', 'beach', 'evening'],
    attributes: (pick) => ({
      material: pick(['linen', 'satin', 'cotton', 'viscose']),
      length: pick(['mini', 'midi', 'maxi']),
    }),
    describe: 'A {length} dress in {material}, perfect for {tag} occasions.',
  },
  {
    category: 'hoodies',
    prefix: 'HOOD',
    noun: 'Hoodie',
    brands: ['Basics Co', 'Trailside', 'Velo', 'Nordkap'],
    lines: ['Cloud Fleece', 'Zip', 'Pullover', 'Heavyweight', 'Tech'],
    qualifiers: ['Classic', 'Oversized', 'Organic', 'Lite'],
    price: [29, 129],
    colors: ['black', 'grey', 'navy', 'blue', 'green', 'beige', 'red'],
    sizes: APPAREL_SIZES,
    colorsPerProduct: [2, 4],
    tags: ['cosy', 'warm', 'gym', 'casual', 'organic'],
    attributes: (pick) => ({
      material: pick(['fleece', 'organic cotton', 'french terry']),
      weight_gsm: pick([280, 350, 420]),
    }),
    describe: 'A {tag} hoodie in {weight_gsm} gsm {material}.',
  },
  {
    category: 'kitchen',
    prefix: 'KITCH',
    noun: '',
    brands: ['Copperleaf', 'Brewhaus', 'Chefline'],
    lines: [
      'Espresso Machine',
      'Blender',
      'Kettle',
      'Chef Knife',
      'Frying Pan',
      'Coffee Maker',
      'Toaster',
      'Dutch Oven',
    ],
    qualifiers: ['Pro', 'Classic', 'Compact', 'Deluxe', 'Smart'],
    price: [19, 699],
    colors: ['silver', 'black', 'red', 'white'],
    sizes: [],
    colorsPerProduct: [1, 2],
    tags: ['coffee', 'baking', 'cooking', 'gift', 'compact'],
    attributes: (pick) => ({
      material: pick(['stainless steel', 'cast iron', 'ceramic', 'aluminium']),
      dishwasher_safe: pick([true, false]),
    }),
    describe: 'A {tag} essential in {material}.',
  },
  {
    category: 'home',
    prefix: 'HOME',
    noun: '',
    brands: ['Hearth & Co', 'Lumen', 'Nest Living'],
    lines: ['Table Lamp', 'Throw Blanket', 'Cushion', 'Scented Candle', 'Wall Clock', 'Duvet Set', 'Vase'],
    qualifiers: ['Nordic', 'Linen', 'Classic', 'Modern', 'Velvet'],
    price: [15, 249],
    colors: ['white', 'grey', 'beige', 'green', 'blue'],
    sizes: [],
    colorsPerProduct: [1, 3],
    tags: ['cosy', 'bedroom', 'living room', 'gift', 'decor'],
    attributes: (pick) => ({ material: pick(['linen', 'ceramic', 'wool', 'oak', 'velvet']) }),
    describe: 'A {tag} piece in {material} that makes a home feel finished.',
  },
  {
    category: 'sports-outdoor',
    prefix: 'SPORT',
    noun: '',
    brands: ['Summit', 'Trailside', 'Peakform'],
    lines: ['Yoga Mat', 'Tent', 'Backpack', 'Water Bottle', 'Sleeping Bag', 'Dumbbell Set', 'Trekking Poles'],
    qualifiers: ['Ultralight', 'Pro', 'Trail', 'Compact', 'Expedition'],
    price: [15, 549],
    colors: ['black', 'green', 'blue', 'orange', 'grey'],
    sizes: [],
    colorsPerProduct: [1, 2],
    tags: ['camping', 'hiking', 'yoga', 'fitness', 'travel'],
    attributes: (pick) => ({
      weight_kg: pick([0.3, 0.8, 1.5, 2.4]),
      material: pick(['nylon', 'TPE', 'aluminium', 'steel']),
    }),
    describe: 'Built for {tag}: {material}, {weight_kg} kg.',
  },
];
