// node scripts/icon.mjs: draws icon.png (512×512, the size Claude Desktop recommends for a bundle icon), a white
// envelope on a rounded green square. Plain geometry and zlib, so the committed file can be remade from source.
import { writeFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";

const SIZE = 512;
const SAMPLES = 4; // 4×4 samples per pixel smooth the edges
const BACKGROUND = [0x12, 0x8a, 0x5e];
const PAPER = [0xff, 0xff, 0xff];

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

// What one sample point shows: null (transparent), the background, or the envelope's paper.
function colourAt(x, y) {
  if (!insideRoundedRect(x, y, 0, 0, SIZE, SIZE, 104)) return null;
  const envelope = insideRoundedRect(x, y, 96, 146, 416, 366, 22);
  if (!envelope) return BACKGROUND;
  const flap = Math.min(distanceToSegment(x, y, [110, 160], [256, 280]), distanceToSegment(x, y, [402, 160], [256, 280]));
  return flap <= 11 ? BACKGROUND : PAPER;
}

function pixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (1 + SIZE * 4); // each row starts with filter type 0
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 1;
        }
      }
      const at = row + 1 + px * 4;
      const covered = sum[3];
      rows[at] = covered ? Math.round(sum[0] / covered) : 0;
      rows[at + 1] = covered ? Math.round(sum[1] / covered) : 0;
      rows[at + 2] = covered ? Math.round(sum[2] / covered) : 0;
      rows[at + 3] = Math.round((covered / SAMPLES ** 2) * 255);
    }
  }
  return rows;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(pixels(), { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = process.argv[2] ?? new URL("../icon.png", import.meta.url);
writeFileSync(out, png);
