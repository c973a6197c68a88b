// Draws images/icon.png, the extension's Marketplace icon (256×256): a .NET-purple rounded square with a white
// shipping container and a check mark above it. No image tools needed: shapes are signed distance functions,
// 4×4 supersampled, written as an RGBA PNG with node:zlib. Deterministic: the same script gives the same bytes.
//   node scripts/make-icon.mjs [out.png]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 256;
const SAMPLES = 4;
const PURPLE = [0x51, 0x2b, 0xd4];
const WHITE = [0xff, 0xff, 0xff];

/** Distance to a box centred at (cx, cy) with half sizes (hx, hy) and corner radius r; negative inside. */
function roundBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment (ax, ay)–(bx, by). */
function segment(x, y, ax, ay, bx, by) {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t);
}

/** The colour at a point, or null outside the icon (transparent). */
function colourAt(x, y) {
  if (roundBox(x, y, 128, 128, 124, 124, 44) > 0) return null;
  const check = Math.min(segment(x, y, 80, 78, 114, 108), segment(x, y, 114, 108, 178, 44)) - 11;
  if (check <= 0) return WHITE;
  const container = roundBox(x, y, 128, 168, 76, 44, 10);
  if (container <= 0) {
    // vertical ribs of a shipping container, inset from its top and bottom
    const ribs = [76, 102, 128, 154, 180].some((rx) => Math.abs(x - rx) <= 4 && Math.abs(y - 168) <= 30);
    return ribs ? PURPLE : WHITE;
  }
  return PURPLE;
}

function render() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * SIZE + px) * 4;
      // straight (not premultiplied) alpha, as PNG wants it
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round((a * 255) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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

export function iconPng() {
  const pixels = render();
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter 0 per row
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');
  fs.writeFileSync(out, iconPng());
  console.log(`wrote ${out} (${SIZE}×${SIZE})`);
}
