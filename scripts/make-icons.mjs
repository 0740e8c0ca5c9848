// Draws Switchboard's icons into resources/: the app icon and the tray's idle / running / attention
// states (colour variants, and black Template images macOS tints itself), each at 1x and @2x.
// Run: node scripts/make-icons.mjs. Plain Node: a tiny PNG encoder and anti-aliased shapes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'resources');

/** An RGBA canvas painted with shapes given as signed distance functions (negative = inside). */
function canvas(size) {
  const pixels = new Float64Array(size * size * 4);
  return {
    size,
    paint(distance, [r, g, b, a = 1]) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const coverage = Math.min(1, Math.max(0, 0.5 - distance(x + 0.5, y + 0.5))) * a;
          if (coverage === 0) continue;
          const i = (y * size + x) * 4;
          const keep = 1 - coverage;
          pixels[i] = r * coverage + pixels[i] * keep;
          pixels[i + 1] = g * coverage + pixels[i + 1] * keep;
          pixels[i + 2] = b * coverage + pixels[i + 2] * keep;
          pixels[i + 3] = coverage + pixels[i + 3] * keep;
        }
      }
    },
    /** Removes paint where the shape is (a transparent cut-out). */
    erase(distance) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const coverage = Math.min(1, Math.max(0, 0.5 - distance(x + 0.5, y + 0.5)));
          const i = (y * size + x) * 4;
          for (let c = 0; c < 4; c++) pixels[i + c] *= 1 - coverage;
        }
      }
    },
    png() {
      return encodePng(size, (i) => {
        const alpha = pixels[i + 3];
        // Stored colours are premultiplied; PNG wants them straight.
        const un = (v) => (alpha > 0 ? Math.round((v / alpha) * 255) : 0);
        return [un(pixels[i]), un(pixels[i + 1]), un(pixels[i + 2]), Math.round(alpha * 255)];
      });
    },
  };
}

function encodePng(size, pixelAt) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixelAt((y * size + x) * 4);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// Shapes, in pixels.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));
function roundedSquare(inset, size, radius) {
  const half = (size - 2 * inset) / 2;
  const centre = size / 2;
  return (x, y) => {
    const qx = Math.abs(x - centre) - (half - radius);
    const qy = Math.abs(y - centre) - (half - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}
function segment(ax, ay, bx, by, width) {
  return (x, y) => {
    const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * t, py - dy * t) - width / 2;
  };
}

const rgb = (hex, alpha = 1) => [
  ...[0, 2, 4].map((i) => parseInt(hex.slice(i + 1, i + 3), 16) / 255),
  alpha,
];
const SLATE = rgb('#0f172a');
const WHITE = rgb('#f8fafc');
const BLACK = rgb('#000000');
const SKY = rgb('#38bdf8');
const AMBER = rgb('#f59e0b');
const GREEN = rgb('#34d399');
const GREY = rgb('#94a3b8');

/** The app icon: a switchboard's patch cables between two columns of jacks. */
function appIcon(size) {
  const c = canvas(size);
  const u = size / 16;
  c.paint(roundedSquare(u * 0.75, size, u * 3.2), SLATE);
  const rows = [5, 8, 11].map((row) => row * u);
  const [left, right] = [4.5 * u, 11.5 * u];
  const cables = [
    [rows[0], rows[1], SKY],
    [rows[1], rows[0], AMBER],
    [rows[2], rows[2], GREEN],
  ];
  for (const [from, to, colour] of cables) c.paint(segment(left, from, right, to, u * 0.7), colour);
  for (const row of rows) {
    for (const column of [left, right]) {
      c.paint(circle(column, row, u * 1.05), WHITE);
      c.paint(circle(column, row, u * 0.45), SLATE);
    }
  }
  return c.png();
}

/** Tray states, told apart by shape as well as colour: ring, ring with a dot, filled disc. */
function trayIcon(size, look, template) {
  const c = canvas(size);
  const u = size / 16;
  const [cx, cy] = [8 * u, 8 * u];
  const colour = template ? BLACK : { idle: GREY, running: SKY, attention: AMBER }[look];
  if (look === 'idle') c.paint(ring(cx, cy, 5.2 * u, 1.6 * u), colour);
  if (look === 'running')
    c.paint(union(ring(cx, cy, 5.2 * u, 1.6 * u), circle(cx, cy, 2.2 * u)), colour);
  if (look === 'attention') {
    c.paint(circle(cx, cy, 6.4 * u), colour);
    // An exclamation mark cut out of the disc.
    c.erase(
      union(segment(cx, cy - 3.4 * u, cx, cy + 0.6 * u, 1.7 * u), circle(cx, cy + 3 * u, 0.95 * u)),
    );
  }
  return c.png();
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.png'), appIcon(1024));
for (const look of ['idle', 'running', 'attention']) {
  for (const template of [false, true]) {
    const name = `tray-${look}${template ? 'Template' : ''}`;
    writeFileSync(join(OUT, `${name}.png`), trayIcon(16, look, template));
    writeFileSync(join(OUT, `${name}@2x.png`), trayIcon(32, look, template));
  }
}
console.log(`icons written to ${OUT}`);
