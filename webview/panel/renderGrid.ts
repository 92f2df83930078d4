// Drawing feature maps and kernels: one small canvas per channel on a shared colour scale
// (so maps compare honestly), a legend, and an enlarged view with the map's own range.
import type { HostTensor } from '../kernels/types';
import { colourScale, formatValue, rangeOf, type ColourScale } from './colormap';
import { el } from './dom';
import type { KernelView } from './layerOps';

/** More channels than this are summarised ("showing 256 of 512"). */
export const MAX_MAPS = 256;
const MAX_KERNELS = 64;

/** Paints channel `c` of an HWC tensor into a canvas of the tensor's size. */
export function paintChannel(canvas: HTMLCanvasElement, t: HostTensor, c: number, scale: ColourScale): void {
  canvas.width = t.width;
  canvas.height = t.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(t.width, t.height);
  for (let p = 0; p < t.width * t.height; p++) {
    const [r, g, b] = scale.colour(t.data[p * t.channels + c]);
    img.data[p * 4] = r;
    img.data[p * 4 + 1] = g;
    img.data[p * 4 + 2] = b;
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

export function legend(scale: ColourScale, caption: string): HTMLElement {
  const bar = el('div', { class: 'legend-bar' });
  bar.style.backgroundImage = scale.cssGradient; // CSSOM, allowed by the CSP (no inline style attribute)
  return el('div', { class: 'legend' }, [
    el('span', { class: 'legend-caption' }, [caption]),
    el('span', { class: 'legend-value' }, [formatValue(scale.min)]),
    bar,
    el('span', { class: 'legend-value' }, [formatValue(scale.max)]),
  ]);
}

/**
 * Grid of feature maps; clicking one calls `onEnlarge(channel)`. `perMap` colours each map on
 * its own range (shows structure in weak maps) instead of the layer's shared range (shows
 * which maps are strong).
 */
export function featureMapGrid(t: HostTensor, onEnlarge: (channel: number) => void, perMap = false): { element: HTMLElement; scale: ColourScale } {
  const { min, max } = rangeOf(t.data);
  const scale = colourScale(min, max);
  const scaleOf = (c: number): ColourScale => {
    if (!perMap) return scale;
    const r = rangeOf(t.data, c, t.channels, t.width * t.height);
    return colourScale(r.min, r.max);
  };
  const shown = Math.min(t.channels, MAX_MAPS);
  // Display size: small maps are scaled up, pixelated, to at least 48 px.
  const cell = Math.max(48, Math.min(112, t.width));
  const cells: HTMLElement[] = [];
  for (let c = 0; c < shown; c++) {
    const canvas = el('canvas', { class: 'fmap-canvas', 'data-channel': String(c), title: `channel ${c} — click to enlarge` });
    paintChannel(canvas, t, c, scaleOf(c));
    canvas.style.width = `${cell}px`;
    canvas.style.height = `${Math.max(1, Math.round((cell * t.height) / t.width))}px`;
    const button = el('button', { class: 'fmap', type: 'button', 'aria-label': `channel ${c}` }, [canvas, el('span', { class: 'fmap-label' }, [String(c)])]);
    button.addEventListener('click', () => onEnlarge(c));
    cells.push(button);
  }
  const note = t.channels > shown ? [el('p', { class: 'note' }, [`Showing ${shown} of ${t.channels} channels.`])] : [];
  const element = el('div', { class: 'fmap-section' }, [
    legend(scale, `${t.channels} map${t.channels === 1 ? '' : 's'} · ${t.height}×${t.width} · ${perMap ? 'each map on its own range; layer range' : 'shared scale'}`),
    el('div', { class: 'fmap-grid' }, cells),
    ...note,
  ]);
  return { element, scale };
}

/** A large view of one channel, coloured on its own range, with that range written out. */
export function enlargedMap(t: HostTensor, c: number, onClose: () => void): HTMLElement {
  const { min, max } = rangeOf(t.data, c, t.channels, t.width * t.height);
  const scale = colourScale(min, max);
  const canvas = el('canvas', { class: 'enlarged-canvas' });
  paintChannel(canvas, t, c, scale);
  const close = el('button', { class: 'close', type: 'button', 'aria-label': 'close' }, ['×']);
  close.addEventListener('click', onClose);
  const box = el('div', { class: 'enlarged', role: 'dialog' }, [
    el('div', { class: 'enlarged-head' }, [el('strong', {}, [`channel ${c}`]), el('span', { class: 'range' }, [`min ${formatValue(min)} · max ${formatValue(max)}`]), close]),
    canvas,
    legend(scale, 'own range'),
  ]);
  return box;
}

/** Kernels as small images: RGB when a filter sees 3 input channels, else the mean over inputs. */
export function kernelGrid(k: KernelView): HTMLElement {
  const [kh, kw, a, b] = k.shape;
  // Per displayed filter: which (in, out) pairs feed it.
  const filters = k.layout === 'depthwise' ? a * b : k.layout === 'transpose' ? a : b;
  const inputsPer = k.layout === 'depthwise' ? 1 : k.layout === 'transpose' ? b : a;
  const at = (y: number, x: number, input: number, f: number): number => {
    if (k.layout === 'depthwise') return k.data[((y * kw + x) * a + Math.floor(f / b)) * b + (f % b)];
    if (k.layout === 'transpose') return k.data[((y * kw + x) * a + f) * b + input];
    return k.data[((y * kw + x) * a + input) * b + f];
  };
  const { min, max } = rangeOf(k.data);
  const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const scale = colourScale(-bound, bound);
  const shown = Math.min(filters, MAX_KERNELS);
  const cells: HTMLElement[] = [];
  for (let f = 0; f < shown; f++) {
    const canvas = el('canvas', { class: 'kernel-canvas', title: `filter ${f}` });
    canvas.width = kw;
    canvas.height = kh;
    const ctx = canvas.getContext('2d');
    if (!ctx) continue;
    const img = ctx.createImageData(kw, kh);
    // RGB filters are stretched to their own largest weight so small filters stay visible.
    let own = 0;
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let ch = 0; ch < Math.min(3, inputsPer); ch++) own = Math.max(own, Math.abs(at(y, x, ch, f)));
    own ||= 1;
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        const o = (y * kw + x) * 4;
        if (inputsPer === 3) {
          for (let ch = 0; ch < 3; ch++) img.data[o + ch] = 127.5 + (127.5 * at(y, x, ch, f)) / own;
        } else {
          let sum = 0;
          for (let i = 0; i < inputsPer; i++) sum += at(y, x, i, f);
          const [r, g, bl] = scale.colour(sum / inputsPer);
          img.data[o] = r;
          img.data[o + 1] = g;
          img.data[o + 2] = bl;
        }
        img.data[o + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
    const size = 36;
    canvas.style.width = `${size}px`;
    canvas.style.height = `${Math.round((size * kh) / kw)}px`;
    cells.push(canvas);
  }
  const how = inputsPer === 3 ? 'RGB, each filter on its own range, grey = 0' : inputsPer > 1 ? `mean over ${inputsPer} input channels` : 'one input channel each';
  return el('div', { class: 'kernel-section' }, [
    el('h4', {}, [`Kernels ${kh}×${kw} · ${filters} filter${filters === 1 ? '' : 's'}${filters > shown ? ` (first ${shown})` : ''} · ${how}`]),
    inputsPer === 3 ? el('span', {}, []) : legend(scale, 'weight'),
    el('div', { class: 'kernel-grid' }, cells),
  ]);
}
