// Turning image bytes into pixels, safely: the header is read first so a corrupt file or a
// 10,000×10,000 monster is refused with a clear message before the browser decodes anything.

/** Largest image decoded at all (pixels). A 10,000×10,000 image is refused. */
export const MAX_PIXELS = 40_000_000;
/** Longest side kept after decoding; larger images are downscaled while decoding. */
export const MAX_DECODED_SIDE = 2048;
const DECODE_TIMEOUT_MS = 15_000;

export class ImageProblem extends Error {}

export interface ImageHeader {
  readonly type: 'image/png' | 'image/jpeg';
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Reads type and size from the header; throws ImageProblem for anything else. */
export function readImageHeader(bytes: Uint8Array, name: string): ImageHeader {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((x, i) => bytes[i] === x)) {
    if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') throw new ImageProblem(`${name} is a corrupt PNG (no IHDR header).`);
    return { type: 'image/png', width: readU32(bytes, 16), height: readU32(bytes, 20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker, which carries the size.
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) throw new ImageProblem(`${name} is a corrupt JPEG (bad segment marker).`);
      const marker = bytes[at + 1];
      const length = (bytes[at + 2] << 8) | bytes[at + 3];
      const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isStartOfFrame) return { type: 'image/jpeg', height: (bytes[at + 5] << 8) | bytes[at + 6], width: (bytes[at + 7] << 8) | bytes[at + 8] };
      at += 2 + length;
    }
    throw new ImageProblem(`${name} is a corrupt JPEG (no frame header found).`);
  }
  throw new ImageProblem(`${name} is not a PNG or JPEG image.`);
}

export interface DecodedImage {
  readonly bitmap: ImageBitmap;
  /** Size as stored in the file. */
  readonly originalWidth: number;
  readonly originalHeight: number;
  /** True when downscaled while decoding (the bitmap is smaller than the file). */
  readonly downscaled: boolean;
}

export async function decodeImage(bytes: Uint8Array, name: string): Promise<DecodedImage> {
  const header = readImageHeader(bytes, name);
  const { width, height } = header;
  if (width === 0 || height === 0) throw new ImageProblem(`${name} says it is ${width}×${height} pixels; that is corrupt.`);
  if (width * height > MAX_PIXELS) {
    throw new ImageProblem(
      `${name} is ${width}×${height} (${((width * height) / 1e6).toFixed(0)} megapixels); the preview takes images up to ${MAX_PIXELS / 1e6} megapixels. Pick a smaller image or scale this one down.`,
    );
  }
  const scale = Math.min(1, MAX_DECODED_SIDE / Math.max(width, height));
  const options: ImageBitmapOptions =
    scale < 1 ? { resizeWidth: Math.max(1, Math.round(width * scale)), resizeHeight: Math.max(1, Math.round(height * scale)), resizeQuality: 'high' } : {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImageProblem(`${name} took longer than ${DECODE_TIMEOUT_MS / 1000} s to decode.`)), DECODE_TIMEOUT_MS);
  });
  try {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: header.type });
    const bitmap = await Promise.race([createImageBitmap(blob, options), timeout]);
    return { bitmap, originalWidth: width, originalHeight: height, downscaled: scale < 1 };
  } catch (e) {
    if (e instanceof ImageProblem) throw e;
    throw new ImageProblem(`${name} could not be decoded; the file looks corrupt or truncated (${(e as Error).message || String(e)}).`);
  } finally {
    clearTimeout(timer);
  }
}
