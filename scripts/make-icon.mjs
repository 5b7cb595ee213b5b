// The app icon's source: draws build/icon.png (512×512, what electron-builder turns into each platform's icon
// formats) from shapes, so the icon can be changed by editing numbers here and running
// `node scripts/make-icon.mjs`. No image library: a PNG is a few zlib-compressed chunks.
// The design: a dark rounded square (readable on light and dark desktops), a camera lens ring and an orange
// "record/play" triangle, the two things the kiosk does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const SIZE = 512;
const SAMPLES = 4; // per axis: 16 samples per pixel smooth the edges

const BACKGROUND = [11, 37, 69];
const RING = [240, 244, 248];
const ACCENT = [255, 140, 26];

/** Signed distance to a rounded square covering the canvas with `margin` and corner `radius`. */
function roundedSquare(x, y, margin, radius) {
  const half = SIZE / 2 - margin;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** True when (x, y) is inside the triangle pointing right, centred a little right of the middle. */
function inTriangle(x, y) {
  const cx = SIZE / 2 + 14;
  const cy = SIZE / 2;
  const r = 92;
  const a = [cx - r * 0.6, cy - r];
  const b = [cx - r * 0.6, cy + r];
  const c = [cx + r, cy];
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 <= 0 && s2 <= 0 && s3 <= 0) || (s1 >= 0 && s2 >= 0 && s3 >= 0);
}

/** The colour (RGBA) at one sample point. */
function sample(x, y) {
  if (roundedSquare(x, y, 16, 96) > 0) return [0, 0, 0, 0];
  if (inTriangle(x, y)) return [...ACCENT, 255];
  const d = Math.hypot(x - SIZE / 2, y - SIZE / 2);
  if (d >= 170 && d <= 200) return [...RING, 255];
  return [...BACKGROUND, 255];
}

export function drawIcon() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const rowStart = py * (1 + SIZE * 4);
    rows[rowStart] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          // Premultiplied, so transparent samples do not darken the edge colour.
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const at = rowStart + 1 + px * 4;
      const alpha = sum[3];
      rows[at] = alpha ? Math.round(sum[0] / alpha) : 0;
      rows[at + 1] = alpha ? Math.round(sum[1] / alpha) : 0;
      rows[at + 2] = alpha ? Math.round(sum[2] / alpha) : 0;
      rows[at + 3] = Math.round(alpha / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(SIZE, SIZE, rows);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG from filtered scanlines. */
function encodePng(width, height, rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
  writeFileSync(out, drawIcon());
  console.log(`Wrote ${out}`);
}
