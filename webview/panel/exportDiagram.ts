// Export of the diagram as a standalone SVG (theme colours baked in, since the file will not
// live inside VS Code) and as a PNG rendered from that SVG at 2× for sharpness.

const STYLED_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity', 'fill-opacity'] as const;

/** A copy of the diagram with computed styles written as attributes, on the panel's background. */
export function standaloneSvg(original: SVGSVGElement): string {
  const copy = original.cloneNode(true) as SVGSVGElement;
  const from = [original, ...Array.from(original.querySelectorAll('*'))];
  const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
  from.forEach((src, i) => {
    const dst = to[i];
    if (src instanceof SVGElement && !(src instanceof SVGTitleElement)) {
      const cs = getComputedStyle(src);
      for (const p of STYLED_PROPS) {
        const v = cs.getPropertyValue(p);
        if (v) dst.setAttribute(p, v);
      }
    }
    dst.removeAttribute('class');
    dst.removeAttribute('tabindex');
  });
  const bg = getComputedStyle(document.body).backgroundColor || '#ffffff';
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', bg);
  copy.insertBefore(rect, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** Chromium's largest canvas side; a larger one silently yields no image. */
const MAX_CANVAS_SIDE = 16384;
const MAX_CANVAS_AREA = 16384 * 16384;

/** The scale to draw at: `wanted`, reduced until the canvas fits; throws when even 1/4 does not. */
export function pngScale(width: number, height: number, wanted: number): number {
  const fit = Math.min(wanted, MAX_CANVAS_SIDE / Math.max(1, width), MAX_CANVAS_SIDE / Math.max(1, height), Math.sqrt(MAX_CANVAS_AREA / Math.max(1, width * height)));
  if (fit < 0.25) {
    throw new Error(`the diagram is ${Math.ceil(width).toLocaleString('en-US')}×${Math.ceil(height).toLocaleString('en-US')} px, too large for a PNG; export it as SVG instead`);
  }
  return fit;
}

export async function svgToPng(svgText: string, width: number, height: number, wanted = 2): Promise<Uint8Array> {
  const scale = pngScale(width, height, wanted);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
