// The layout worker's source, from dist/webview/elk.js: panel.js adds that script to the page as
// it starts (its address is on panel.js's own tag, `data-elk-script`, written by html.ts, and it
// carries panel.js's nonce), and elk.js hands the source over through a window property. Added by
// panel.js rather than written into the HTML so its load and error events are always seen.
const KEY = '__shapelensElkWorkerSource';

type SourceHolder = { [KEY]?: unknown };

let loading: Promise<string | null> | null = null;

export function publishElkWorkerSource(source: string): void {
  (window as unknown as SourceHolder)[KEY] = source;
}

function published(): string | null {
  const s = (window as unknown as SourceHolder)[KEY];
  return typeof s === 'string' ? s : null;
}

/** Starts loading elk.js. Only while panel.js first runs: `document.currentScript` is its tag then. */
export function loadElkScript(): void {
  const own = document.currentScript;
  const src = own instanceof HTMLScriptElement ? own.dataset.elkScript : undefined;
  if (!own || !src) return;
  loading = new Promise((resolve) => {
    const tag = document.createElement('script');
    tag.nonce = own.nonce;
    tag.src = src;
    tag.async = true;
    // 'load' fires once the script has run, so the source is published by then.
    tag.addEventListener('load', () => resolve(published()));
    tag.addEventListener('error', () => resolve(null));
    document.head.append(tag);
  });
}

/** The worker source; null when the page has no elk.js or it failed to load. */
export function elkWorkerSource(): Promise<string | null> {
  return loading ?? Promise.resolve(published());
}
