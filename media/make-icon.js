// Draws media/icon.png (128×128): three stacked feature-map tiles under a lens ring.
// Run with `node media/make-icon.js`; no dependencies beyond Node's zlib.
/* global Buffer */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

function blend(x, y, [r, g, b], a) {
  const i = (y * SIZE + x) * 4;
  const base = pixels[i + 3] / 255;
  const out = a + base * (1 - a);
  if (out === 0) return;
  for (const [k, v] of [[0, r], [1, g], [2, b]]) pixels[i + k] = Math.round((v * a + pixels[i + k] * base * (1 - a)) / out);
  pixels[i + 3] = Math.round(out * 255);
}

function roundedRect(x0, y0, w, h, radius, color, alpha) {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const dx = Math.max(x0 + radius - x, 0, x - (x0 + w - 1 - radius));
      const dy = Math.max(y0 + radius - y, 0, y - (y0 + h - 1 - radius));
      if (dx * dx + dy * dy <= radius * radius) blend(x, y, color, alpha);
    }
  }
}

// Background tile.
roundedRect(0, 0, SIZE, SIZE, 22, [24, 32, 56], 1);
// Feature maps: three offset tiles with a 4×4 cell grid, back to front.
const tiles = [
  { x: 22, y: 18, color: [64, 120, 220] },
  { x: 34, y: 30, color: [80, 170, 230] },
  { x: 46, y: 42, color: [120, 220, 200] },
];
for (const t of tiles) {
  roundedRect(t.x, t.y, 60, 60, 6, t.color, 0.95);
  for (let c = 1; c < 4; c++) {
    for (let k = 0; k < 60; k++) {
      blend(t.x + c * 15, t.y + k, [24, 32, 56], 0.35);
      blend(t.x + k, t.y + c * 15, [24, 32, 56], 0.35);
    }
  }
}
// Lens ring over the front tile, with a handle.
const cx = 84;
const cy = 84;
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const d = Math.hypot(x - cx, y - cy);
    if (d >= 20 && d <= 26) blend(x, y, [250, 250, 250], 1);
    else if (d < 20) blend(x, y, [255, 255, 255], 0.18);
    // Handle: a thick segment toward the bottom-right corner.
    const t = ((x - cx) + (y - cy)) / 2;
    const off = Math.abs((x - cx) - (y - cy)) / Math.SQRT2;
    if (t > 20 && t < 36 && off < 5) blend(x, y, [250, 250, 250], 1);
  }
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, 'icon.png'), png);
console.log(`media/icon.png: ${png.length} bytes`);
