#!/usr/bin/env node
/**
 * Draws the Countersign icon (a seal: white ring and check mark on a red-brown rounded square)
 * without any image library, and writes build/icon.png (512×512) and build/icon.ico (256, 48, 32,
 * 16; PNG-compressed entries). Run `node build/make-icons.mjs` after changing the drawing.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const HERE = new URL('.', import.meta.url);
const BACKGROUND = [0xb0, 0x2a, 0x1e]; // seal red
const INK = [0xff, 0xff, 0xff];

/** Signed distance (in units of the icon's side) to each shape; negative inside. */
function roundedSquare(x, y) {
  const r = 0.18,
    h = 0.44;
  const qx = Math.abs(x) - h + r,
    qy = Math.abs(y) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function ring(x, y) {
  return Math.abs(Math.hypot(x, y) - 0.29) - 0.035;
}
function segment(x, y, ax, ay, bx, by, w) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w;
}
function check(x, y) {
  return Math.min(segment(x, y, -0.14, 0.0, -0.04, 0.11, 0.04), segment(x, y, -0.04, 0.11, 0.16, -0.11, 0.04));
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const px = 1 / size;
  const cover = (d) => Math.max(0, Math.min(1, 0.5 - d / px)); // 1-pixel anti-aliasing
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size - 0.5,
        y = (j + 0.5) / size - 0.5;
      const bg = cover(roundedSquare(x, y));
      const ink = cover(Math.min(ring(x, y), check(x, y)));
      const o = (j * size + i) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BACKGROUND[c] * (1 - ink) + INK[c] * ink);
      rgba[o + 3] = Math.round(255 * bg);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const rgba = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) rgba.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const entries = sizes.map((size, k) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(images[k].length, 8);
    e.writeUInt32LE(offset, 12);
    offset += images[k].length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images]);
}

writeFileSync(new URL('icon.png', HERE), png(512));
writeFileSync(new URL('icon.ico', HERE), ico([256, 48, 32, 16]));
console.log('Wrote build/icon.png (512×512) and build/icon.ico (256, 48, 32, 16).');
