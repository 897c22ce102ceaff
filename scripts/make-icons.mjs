#!/usr/bin/env node
/**
 * Draws Linesight's icon — a rounded tile, three queue bars and a line with an eye-dot — from one list of
 * shapes, and writes it as SVG (build/icon.svg, the source), PNG (build/icon.png 512×512, build/icons/
 * 512x512.png and 256x256.png for Linux) and ICO (build/icon.ico, 16–256 px PNG entries, for Windows).
 * electron-builder makes the macOS .icns from build/icon.png. No dependency: PNG is zlib + CRC-32, ICO
 * is a small header around PNGs, and each size is rasterised directly (4×4 samples per pixel), so the
 * output is the same bytes on every run. Run `node scripts/make-icons.mjs` after changing a shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const SIZE = 512; // the design grid

/** Painted in order; coordinates on the 512 grid. */
const SHAPES = [
  { kind: 'roundRect', x: 32, y: 32, w: 448, h: 448, r: 96, fill: '#0f172a' },
  { kind: 'roundRect', x: 112, y: 300, w: 56, h: 108, r: 10, fill: '#38bdf8' },
  { kind: 'roundRect', x: 200, y: 248, w: 56, h: 160, r: 10, fill: '#38bdf8' },
  { kind: 'roundRect', x: 288, y: 328, w: 56, h: 80, r: 10, fill: '#38bdf8' },
  { kind: 'roundRect', x: 376, y: 276, w: 56, h: 132, r: 10, fill: '#38bdf8' },
  { kind: 'polyline', points: [[104, 232], [200, 168], [288, 208], [392, 120]], width: 28, stroke: '#f59e0b' },
  { kind: 'circle', cx: 392, cy: 120, r: 34, fill: '#f59e0b' },
  { kind: 'circle', cx: 392, cy: 120, r: 13, fill: '#0f172a' },
];

function svg() {
  const el = SHAPES.map((s) => {
    switch (s.kind) {
      case 'roundRect':
        return `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
      case 'circle':
        return `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
      case 'polyline':
        return `  <polyline points="${s.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-linecap="round" stroke-linejoin="round"/>`;
      default:
        throw new Error(`unknown shape ${s.kind}`);
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n  <title>Linesight</title>\n${el.join('\n')}\n</svg>\n`;
}

function inside(s, x, y) {
  switch (s.kind) {
    case 'roundRect': {
      // signed distance to a rounded rectangle
      const qx = Math.abs(x - (s.x + s.w / 2)) - (s.w / 2 - s.r);
      const qy = Math.abs(y - (s.y + s.h / 2)) - (s.h / 2 - s.r);
      return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r <= 0;
    }
    case 'circle':
      return Math.hypot(x - s.cx, y - s.cy) <= s.r;
    case 'polyline': {
      // round caps and joins: within half the width of any segment
      for (let i = 1; i < s.points.length; i++) {
        const [ax, ay] = s.points[i - 1];
        const [bx, by] = s.points[i];
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
        if (Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= s.width / 2) return true;
      }
      return false;
    }
    default:
      throw new Error(`unknown shape ${s.kind}`);
  }
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels of the icon at `size`×`size`, 4×4 samples per pixel, straight (not premultiplied) alpha. */
function raster(size) {
  const N = 4;
  const scale = SIZE / size;
  const out = Buffer.alloc(size * size * 4);
  const colors = SHAPES.map((s) => rgb(s.fill ?? s.stroke));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = (px + (sx + 0.5) / N) * scale;
          const y = (py + (sy + 0.5) / N) * scale;
          let top = -1;
          for (let i = 0; i < SHAPES.length; i++) if (inside(SHAPES[i], x, y)) top = i;
          if (top >= 0) {
            const [cr, cg, cb] = colors[top];
            r += cr; g += cg; b += cb; a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (N * N));
      }
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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
  const pixels = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO of PNG entries (Windows Vista and later read PNG inside ICO; 256 px is written as 0). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

mkdirSync(join(BUILD, 'icons'), { recursive: true });
writeFileSync(join(BUILD, 'icon.svg'), svg());
const big = png(512);
writeFileSync(join(BUILD, 'icon.png'), big);
writeFileSync(join(BUILD, 'icons', '512x512.png'), big);
const sizes = [16, 24, 32, 48, 64, 128, 256];
const pngs = sizes.map((size) => ({ size, data: png(size) }));
writeFileSync(join(BUILD, 'icons', '256x256.png'), pngs.at(-1).data);
writeFileSync(join(BUILD, 'icon.ico'), ico(pngs));
console.log(`icons written to ${BUILD}`);
