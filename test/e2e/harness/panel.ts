// Reading the ShapeLens panel (a webview) in the workbench: its frame, the diagram's shapes and
// the feature maps' pixels. Shared by the TS and the Keras panel scenarios.
import * as assert from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { extensionId } from './paths';

/**
 * The ShapeLens panel's iframe. VS Code nests each webview (outer iframe, then the active
 * frame); a notebook has a webview of its own (its markdown cells and outputs), so pick ours
 * by the extension id VS Code writes into the frame's address.
 */
export function panelFrame(page: Page): Locator {
  return page.locator(`iframe.webview[src*="extensionId=${extensionId()}"]`);
}

/** The panel's content. */
export function panelContent(page: Page): FrameLocator {
  return panelFrame(page).first().contentFrame().frameLocator('#active-frame');
}

/** The diagram writes shapes as TF.js tuples, in both languages: `[null,62,62,32]`. */
export const tuple = (shape: readonly (number | null)[]): string => JSON.stringify(shape);

export async function diagramShapes(panel: FrameLocator): Promise<string[]> {
  return panel.locator('svg.diagram .node .n-shape').allTextContents();
}

/** Waits until the diagram's nodes show exactly these output shapes, in order. */
export async function waitForDiagram(page: Page, panel: FrameLocator, layers: readonly { readonly outputShape: readonly (number | null)[] }[]): Promise<void> {
  const expected = layers.map((l) => tuple(l.outputShape));
  const deadline = Date.now() + 60_000;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = await diagramShapes(panel).catch(() => []);
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`the diagram never showed ${JSON.stringify(expected)}; it shows ${JSON.stringify(shown)}`);
}

/** The feature-map canvases of the preview of layer `layer`. */
export function featureMaps(panel: FrameLocator, layer: number): Locator {
  return panel.locator(`.preview-result[data-layer="${layer}"] .fmap-grid canvas.fmap-canvas`);
}

/**
 * Per feature-map canvas: how many distinct pixel values it holds (1 = blank or flat), and a
 * hash of its pixels (to tell two previews of the same layer apart).
 */
export async function canvasPixels(panel: FrameLocator): Promise<{ distinct: number; hash: number }[]> {
  return panel.locator('.fmap-grid canvas.fmap-canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const source = c as HTMLCanvasElement;
      // Copy first: the canvas may hold a WebGL context, which has no getImageData.
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx || source.width === 0 || source.height === 0) return { distinct: 0, hash: 0 };
      ctx.drawImage(source, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      const seen = new Set<number>();
      let hash = 2166136261;
      for (let i = 0; i < data.length; i += 4) {
        const pixel = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
        seen.add(pixel);
        hash = Math.imul(hash ^ pixel, 16777619) >>> 0;
      }
      return { distinct: seen.size, hash };
    }),
  );
}

/** Per feature-map canvas: how many distinct pixel values it holds (1 = blank or flat). */
export async function distinctPixelCounts(panel: FrameLocator): Promise<number[]> {
  return (await canvasPixels(panel)).map((c) => c.distinct);
}
