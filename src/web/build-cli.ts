import { ensureWebAssets } from './build.js';

// `npm run build:web`: builds the chat widget and its pictures into dist/web-assets, whatever is there.
const { bytes } = await ensureWebAssets({ force: true });
console.log(`dist/web-assets/widget.js: ${(bytes / 1024).toFixed(1)} KB`);
