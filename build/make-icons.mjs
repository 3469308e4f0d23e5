#!/usr/bin/env node
/**
 * Regenerates the app and tray icons as PNGs with no image library (zlib + a CRC table):
 *   build/icon.png      512×512  electron-builder source for .ico/.icns/Linux icons, window icon
 *   build/tray.png       32×32   tray icon
 *   build/tray@2x.png    64×64   HiDPI tray icon (nativeImage picks it up next to tray.png)
 * The PNGs are committed; run `node build/make-icons.mjs` only to change the design.
 * Design: a blue rounded square with a white person (an identity being provisioned).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encode RGBA pixels (Uint8Array, width*height*4) as a PNG. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRoundedRect = (x, y, inset, radius) => {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** Colour of one sample point in unit coordinates, or null for transparent. */
function sample(x, y) {
  if (!inRoundedRect(x, y, 0.04, 0.2)) return null;
  const isPerson = inCircle(x, y, 0.5, 0.37, 0.145) || (inEllipse(x, y, 0.5, 0.84, 0.28, 0.27) && y <= 0.8);
  if (isPerson) return [255, 255, 255];
  const t = y; // vertical gradient #4c6ef5 → #3b5bdb
  return [Math.round(0x4c + (0x3b - 0x4c) * t), Math.round(0x6e + (0x5b - 0x6e) * t), Math.round(0xf5 + (0xdb - 0xf5) * t)];
}

/** Render the icon at `size` px with 4×4 supersampling for smooth edges. */
export function renderIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return encodePng(size, size, rgba);
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, size] of [['icon.png', 512], ['tray.png', 32], ['tray@2x.png', 64]]) {
    writeFileSync(join(here, name), renderIcon(size));
    process.stdout.write(`wrote build/${name} (${size}×${size})\n`);
  }
}
