/**
 * Whether a highlight is really painted, not only registered: the share of a screenshot's pixels that show
 * the highlight's tint (entrypoints/highlight.css: rgb(37 99 235 / 0.16) over the white page, or its dotted
 * underline). Both functions run in a browser (page.evaluate, Playwright and puppeteer alike), so they are
 * self-contained: the PNG is decoded by the browser itself, in a blank page, with no image library.
 */
export async function tintShare(pngBase64: string): Promise<number> {
  const img = new Image();
  img.src = `data:image/png;base64,${pngBase64}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  let tinted = 0;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i] as number;
    const gr = d[i + 1] as number;
    const b = d[i + 2] as number;
    const background = b >= 240 && r >= 200 && r <= 235 && gr >= 210 && gr <= 242;
    const underline = b >= 180 && r <= 120 && gr <= 160;
    if (background || underline) tinted++;
  }
  return tinted / (d.length / 4);
}

/** The box of the first range of highlight `name` whose text is `text`, one underline taller. */
export function rangeBox([name, text]: [string, string]): {
  x: number;
  y: number;
  width: number;
  height: number;
} | null {
  const range = ([...(CSS.highlights.get(name) ?? [])] as Range[]).find((r) => r.toString() === text);
  const rect = range?.getBoundingClientRect();
  return rect ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height + 4 } : null;
}
