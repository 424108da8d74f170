import { DEFAULT_BRAND_COLOUR } from './common.ts';

/**
 * `robots.txt`: the archive may be indexed; the token pages (already `noindex`), the API and the editors' routes are
 * not crawled. The sitemap-free archive is found from its listing.
 */
export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /archive/',
    'Disallow: /confirm',
    'Disallow: /unsubscribe',
    'Disallow: /subscribe',
    'Disallow: /hold',
    'Disallow: /admin/',
    '',
    `# The archive of every edition: ${publicUrl}/archive/en, /archive/be, /archive/ru`,
    '',
  ].join('\n');
}

/**
 * A 16×16 `favicon.ico` (one 32-bit BMP image): a square in the brand colour with a lighter inner rule, drawn here
 * so that no binary file or external image is needed.
 */
export function faviconIco(colour: string = DEFAULT_BRAND_COLOUR): Buffer {
  const size = 16;
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const rule = y >= 3 && y <= 4 && x >= 3 && x <= 12;
      const o = (y * size + x) * 4;
      // BMP rows run bottom-up and pixels are BGRA; `rule` marks the pale line near the top.
      pixels[o] = rule ? 0xf4 : b;
      pixels[o + 1] = rule ? 0xf1 : g;
      pixels[o + 2] = rule ? 0xea : r;
      pixels[o + 3] = 0xff;
    }
  }
  const flipped = Buffer.concat(
    Array.from({ length: size }, (_, row) => pixels.subarray((size - 1 - row) * size * 4, (size - row) * size * 4)),
  );
  const mask = Buffer.alloc(size * 4); // 1-bit AND mask, rows padded to 32 bits: all opaque
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // height covers the image and its mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(flipped.length + mask.length, 20);
  const image = Buffer.concat([info, flipped, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}
