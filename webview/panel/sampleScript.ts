// The default sample image, written into the page by the host (html.ts: a nonce'd inline
// script setting a window property), so that the first preview does not wait on a round trip
// through the extension host, whose thread a cold workbench keeps busy: `bench:panel` saw the
// image arrive ~1–1.5 s after the page asked for it, and a script fetched beside panel.js was no
// faster in code-server. Any other sample, or a page without it, is asked of the host as before.
const KEY = '__shapelensSample';

export interface PreloadedSample { readonly name: string; readonly bytes: Uint8Array }

/** The sample the page carries; null when it carries none (or something malformed). */
export function preloadedSample(): PreloadedSample | null {
  const v = (window as unknown as Record<string, unknown>)[KEY];
  if (typeof v !== 'object' || v === null) return null;
  const { name, base64 } = v as { name?: unknown; base64?: unknown };
  if (typeof name !== 'string' || typeof base64 !== 'string') return null;
  try {
    return { name, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) };
  } catch {
    return null; // not base64: ask the host instead
  }
}
