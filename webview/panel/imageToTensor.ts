// Fitting a decoded image to the model's input: center-crop to the input's aspect ratio,
// resize, convert grey↔RGB, scale to 0…1. Returns the tensor and a note saying what was done.
import type { HostTensor } from '../kernels/types';
import type { DecodedImage } from './imageDecode';

/** Used when the model's input height/width are not fixed numbers. */
const FREE_SIDE = 224;

export interface FittedInput {
  readonly tensor: HostTensor;
  readonly note: string;
}

/** Target size; null dims mean "not fixed by the model". channels null: keep the image's. */
export interface InputTarget {
  readonly height: number | null;
  readonly width: number | null;
  readonly channels: number | null;
}

function isGrey(rgba: Uint8ClampedArray): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  return true;
}

/** The size an image gets in an input whose height and width the model leaves free. */
export function freeSize(image: DecodedImage): { height: number; width: number } {
  const src = image.bitmap;
  // Kept to the image's aspect ratio, capped at FREE_SIDE on the long side.
  const free = Math.min(1, FREE_SIDE / Math.max(src.width, src.height));
  return { height: Math.max(1, Math.round(src.height * free)), width: Math.max(1, Math.round(src.width * free)) };
}

export function fitImage(image: DecodedImage, target: InputTarget): FittedInput {
  const src = image.bitmap;
  const notes: string[] = [];
  if (image.downscaled) notes.push(`downscaled ${image.originalWidth}×${image.originalHeight} → ${src.width}×${src.height} while decoding`);

  // Unfixed sizes keep the image's aspect ratio.
  const unfixed = freeSize(image);
  const height = target.height ?? (target.width ? Math.round((target.width * src.height) / src.width) : unfixed.height);
  const width = target.width ?? (target.height ? Math.round((target.height * src.width) / src.height) : unfixed.width);

  // Center crop to the target aspect ratio.
  let sw = src.width;
  let sh = src.height;
  if (src.width * height > src.height * width) sw = Math.round((src.height * width) / height);
  else if (src.width * height < src.height * width) sh = Math.round((src.width * height) / width);
  const sx = Math.floor((src.width - sw) / 2);
  const sy = Math.floor((src.height - sh) / 2);
  const cropped = sw !== src.width || sh !== src.height;
  const resized = sw !== width || sh !== height;
  if (cropped) notes.push(`center-cropped ${src.width}×${src.height} → ${sw}×${sh}`);
  if (resized) notes.push(`${cropped ? 'resized' : `resized ${sw}×${sh}`} → ${width}×${height}`);
  if (!cropped && !resized) notes.push(`${width}×${height}, used as is`);

  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, sx, sy, sw, sh, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;

  const sourceGrey = isGrey(rgba);
  const channels = target.channels ?? (sourceGrey ? 1 : 3);
  const data = new Float32Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    const r = rgba[p * 4] / 255;
    const g = rgba[p * 4 + 1] / 255;
    const b = rgba[p * 4 + 2] / 255;
    const luma = 0.299 * r + 0.587 * g + 0.114 * b; // ITU-R BT.601, as tf.image.rgbToGrayscale
    for (let c = 0; c < channels; c++) {
      data[p * channels + c] = channels === 1 ? luma : channels >= 3 && c < 3 ? [r, g, b][c] : luma;
    }
  }
  if (channels === 1) notes.push(sourceGrey ? 'grey' : 'RGB → grey');
  else if (channels === 3) notes.push(sourceGrey ? 'grey → RGB' : 'RGB');
  else notes.push(channels > 3 ? `RGB + ${channels - 3} grey channel(s)` : `grey copied to ${channels} channels`);
  notes.push('values 0…1');
  return { tensor: { height, width, channels, data }, note: notes.join(', ') };
}
