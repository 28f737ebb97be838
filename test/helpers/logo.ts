import { PNG } from 'pngjs';

/**
 * A made-up organizer's logo for tests (no real institution's): a green ring with a gold dot
 * beside three bars, on a transparent background, 360 × 120 pixels.
 */
export function fixtureLogo(): Buffer {
  const [w, h] = [360, 120];
  const png = new PNG({ width: w, height: h });
  const put = (x: number, y: number, [r, g, b]: number[]) => {
    const i = (y * w + x) * 4;
    png.data[i] = r; png.data[i + 1] = g; png.data[i + 2] = b; png.data[i + 3] = 255;
  };
  const green = [11, 93, 75];
  const gold = [201, 162, 39];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - 60, y - 60);
      if (d > 38 && d < 54) put(x, y, green);
      else if (d < 20) put(x, y, gold);
      else if (x >= 130 && x < 350 && [[22, 48], [60, 76], [88, 100]].some(([a, b], k) => y >= a && y < b && x < 350 - k * 60)) put(x, y, green);
    }
  }
  return PNG.sync.write(png);
}
