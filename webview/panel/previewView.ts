// The feature-map preview section: layer picker, image picker, weights selector, and the
// result (input note, maps grid with colour scale, kernels, enlarged map). It owns no model
// state; the app hands it what to show and callbacks for the user's choices.
import type { LayerReport, ModelReport } from '../../src/core/report';
import { el } from './dom';
import { formatShape } from './diagram';
import type { SampleRef, WeightsRef } from './messages';
import type { PreviewResult } from './pipeline';
import { enlargedMap, featureMapGrid, kernelGrid } from './renderGrid';
import type { WeightsMode } from './weightSource';
import { primaryShape } from './shape';
import { MAX_SYMBOL_SIZE } from './symbolSizes';

export interface PreviewControls {
  readonly model: ModelReport;
  readonly layer: number | null;
  readonly samples: readonly SampleRef[];
  readonly imageName: string | null;
  readonly weightsMode: WeightsMode;
  readonly weightFiles: readonly WeightsRef[];
  readonly trainedPath: string | null;
  readonly perMapScale: boolean;
  /** The model input's symbols and the size each is previewed at (symbolSizes.ts). */
  readonly sizes: readonly { readonly name: string; readonly value: number }[];
  onSize(name: string, value: number): void;
  onPerMapScale(on: boolean): void;
  onLayer(index: number): void;
  onSample(name: string): void;
  onPickImage(): void;
  onWeights(mode: WeightsMode, path: string | null): void;
}

function labelOf(l: LayerReport): string {
  return `${l.index}: ${l.name} (${l.className ?? '?'}) ${formatShape(primaryShape(l.outputShape))}`;
}

export function previewControls(c: PreviewControls): HTMLElement {
  const layerSelect = el('select', { id: 'preview-layer', 'aria-label': 'layer to preview' });
  for (const l of c.model.layers) {
    const o = el('option', { value: String(l.index) }, [labelOf(l)]);
    if (l.index === c.layer) o.selected = true;
    layerSelect.append(o);
  }
  layerSelect.addEventListener('change', () => c.onLayer(Number(layerSelect.value)));

  const images = el('div', { class: 'samples', role: 'group', 'aria-label': 'sample images' });
  for (const s of c.samples) {
    const b = el('button', { type: 'button', class: `sample${s.name === c.imageName ? ' active' : ''}`, 'data-sample': s.name, title: s.name }, [
      el('img', { src: s.uri, alt: s.name }),
    ]);
    b.addEventListener('click', () => c.onSample(s.name));
    images.append(b);
  }
  const pick = el('button', { type: 'button', id: 'pick-image', class: 'secondary' }, ['Pick image…']);
  pick.addEventListener('click', () => c.onPickImage());
  images.append(pick);

  const weights = el('select', { id: 'weights-source', 'aria-label': 'weights' });
  const options: [string, string][] = [
    ['seeded', 'seeded initializer'],
    ['classic', 'classic filter bank (first conv)'],
    ...c.weightFiles.map((w): [string, string] => [`trained:${w.path}`, `trained: ${w.path}`]),
  ];
  const current = c.weightsMode === 'trained' ? `trained:${c.trainedPath ?? ''}` : c.weightsMode;
  for (const [value, text] of options) {
    const o = el('option', { value }, [text]);
    if (value === current) o.selected = true;
    weights.append(o);
  }
  weights.addEventListener('change', () => {
    const v = weights.value;
    if (v.startsWith('trained:')) c.onWeights('trained', v.slice('trained:'.length));
    else c.onWeights(v === 'classic' ? 'classic' : 'seeded', null);
  });

  const perMap = el('input', { type: 'checkbox', id: 'per-map-scale' });
  perMap.checked = c.perMapScale;
  perMap.addEventListener('change', () => c.onPerMapScale(perMap.checked));

  return el('div', { class: 'preview-controls' }, [
    el('label', {}, ['Layer ', layerSelect]),
    el('label', {}, ['Weights ', weights]),
    el('label', { title: 'Colour each map on its own range instead of the layer\'s shared range' }, [perMap, 'Scale per map']),
    ...(c.sizes.length > 0 ? [sizeInputs(c)] : []),
    images,
  ]);
}

/** One number field per symbol of the input: the code leaves the size open, the preview needs one. */
function sizeInputs(c: PreviewControls): HTMLElement {
  const group = el('div', { class: 'symbol-sizes', role: 'group', 'aria-label': 'sizes of the symbolic input', title: 'The code does not fix these sizes; the preview runs at the values given here' });
  for (const s of c.sizes) {
    // The name goes in a data attribute, not an id: `x_train.shape[1]` is no selector-safe id.
    const input = el('input', { type: 'number', min: '1', max: String(MAX_SYMBOL_SIZE), step: '1', value: String(s.value), 'data-symbol': s.name, 'aria-label': `size ${s.name}` });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (Number.isInteger(v) && v >= 1 && v <= MAX_SYMBOL_SIZE) c.onSize(s.name, v);
      else input.value = String(s.value);
    });
    group.append(el('label', {}, [`${s.name} `, input]));
  }
  return group;
}

/** The computed result; `enlarge` state lives in the DOM (one overlay at a time). */
export function previewResult(result: PreviewResult, layer: LayerReport, perMapScale: boolean): HTMLElement {
  // data-computed names the layers this preview computed (the rest of the chain was cached).
  const container = el('div', { class: 'preview-result', 'data-layer': String(layer.index), 'data-computed': result.computed.join(',') });
  const overlay = el('div', { class: 'overlay-host' });
  const { element } = featureMapGrid(result.maps, (c) => {
    overlay.replaceChildren(enlargedMap(result.maps, c, () => overlay.replaceChildren()));
  }, perMapScale);
  container.append(
    el('p', { class: 'input-note' }, [`Input: ${result.inputNotes.join('; ')}`]),
    el('h3', {}, [`${layer.name} · ${layer.className ?? '?'} · output ${result.maps.height}×${result.maps.width}×${result.maps.channels}`, el('span', { class: 'timing' }, [` ${result.ms.toFixed(0)} ms${computedNote(result.computed.length)}`])]),
    overlay,
    element,
  );
  if (result.kernel) container.append(kernelGrid(result.kernel));
  return container;
}

function computedNote(n: number): string {
  return n === 0 ? ' · from cache' : ` · ${n} layer${n === 1 ? '' : 's'} computed`;
}

export function previewMessage(kind: 'info' | 'warning' | 'error', text: string): HTMLElement {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, [text]);
}
