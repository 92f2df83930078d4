// The panel's state and the order of things: a 'model' message re-renders the diagram and
// re-runs the preview; the user's choices (layer, image, weights) re-run only the preview.
import { formatParamsTotal } from '../../src/core/format';
import type { FileReport, LayerReport, ModelReport } from '../../src/core/report';
import { ProgramWarmup } from './programWarmup';
import { preloadedSample } from './sampleScript';
import { createBackend, type BackendChoice, type PreviewBackendSetting } from '../kernels/createBackend';
import { WebGl2Backend } from '../gl/glBackend';
import type { KernelBackend } from '../kernels/types';
import { NotPreviewable } from './configRead';
import { el } from './dom';
import { findingsByLayer, formatCount, layoutNote, renderDiagram } from './diagram';
import { standaloneSvg, svgToPng } from './exportDiagram';
import { ImageProblem, decodeImage, type DecodedImage } from './imageDecode';
import { DEFAULT_SAMPLE, type HostMessage, type SampleRef, type WeightsRef } from './messages';
import { ancestorsOf, runPreview, staticallyUnpreviewable, usesChannelsFirst } from './pipeline';
import { freeSize } from './imageToTensor';
import { inputSymbols, substituted, tooSmall } from './symbolSizes';
import { previewControls, previewMessage, previewResult } from './previewView';
import { ActivationCache } from './activationCache';
import { loadState, post, saveState } from './vscodeApi';
import { makeWeightSource, matchTrainedWeights, readTfjsFile, type TrainedWeights } from './weightSources';
import { parseKerasInWorker } from './kerasWorkerClient';
import type { StoredWeights } from '../weights/storedWeights';
import { appendAll, replaceChildrenWith } from './dom';
import { weightMessageList } from './weightMessageList';
import { nonFiniteOutputNote } from './nonFiniteOutput';
import type { WeightsMode } from './weightSource';
import { markAfterNextPaint, markStartup } from './startupMarks';
import { allowLayoutWorker, scheduleLayoutWorker } from './layout';
import { afterNextPaint } from './nextPaint';

/** The `shapelens.preview.backend` setting the host wrote on the page; absent: WebGL2 when it works. */
/** Programs the backend has compiled so far; only WebGL2 compiles any. */
function programsCompiled(backend: KernelBackend): number {
  return backend instanceof WebGl2Backend ? backend.compileStats.programs : 0;
}

function previewBackendSetting(): PreviewBackendSetting {
  const v = typeof document === 'undefined' ? undefined : document.body.dataset.previewBackend;
  return v === 'auto' || v === 'cpu' ? v : 'webgl';
}

export class PanelApp {
  private report: FileReport | null = null;
  private modelIndex = 0;
  private samples: readonly SampleRef[] = [];
  private weightFiles: readonly WeightsRef[] = [];
  private previewLayer: number | null = null;
  private lastCursorLayer: number | null = null;
  private image: { name: string; decoded: DecodedImage } | null = null;
  private imageError: string | null = null;
  private weightsMode: WeightsMode;
  private trained: TrainedWeights | null = null;
  private trainedPath: string | null = null;
  private weightsError: string | null = null;
  /** The last weights file read (any format), re-matched whenever the model changes. */
  private loadedWeights: { path: string; stored: StoredWeights; notes: readonly string[] } | null = null;
  /** The weights file last asked for; answers for any other are stale. */
  private requestedWeights: string | null = null;
  private backend: BackendChoice | null = null;
  /** Compiles the other layers' GPU programs while idle (WebGL2 only). */
  readonly warmup = new ProgramWarmup();
  /** Settles once the diagram of the last model received is drawn (or failed); the warm-up waits for it. */
  private diagramSettled: Promise<void> = Promise.resolve();
  /** Whether a painted map has let the diagram's layout worker start (layout.ts). */
  private layoutWorkerAllowed = false;
  /** An image has been asked for and has not come (nor failed) yet. */
  private sampleRequested = false;
  /** Layer outputs kept between previews: moving to another layer computes only what is new. */
  private readonly activations = new ActivationCache();
  private diagramSvg: SVGSVGElement | null = null;
  private diagramKey = '';
  private renderSeq = 0;
  private exportNote: string | null = null;
  /** Set when the diagram was too large for the full graph layout. */
  private diagramNote: string | null = null;
  private perMapScale = false;
  /** Sizes the user entered for the input's symbols, by name; kept while the code is edited. */
  private readonly symbolValues = new Map<string, number>();
  /** A failure the user must see (a host bug, a message that failed validation). */
  private panelError: string | null = null;

  private readonly status = el('p', { class: 'empty' });
  private readonly header = el('header', { class: 'panel-header' });
  private readonly notices = el('div', { class: 'notices' });
  private readonly diagramHost = el('section', { class: 'diagram-host', 'aria-label': 'layer diagram' });
  private readonly previewTitle = el('h2', {}, ['Feature maps']);
  private readonly previewHost = el('section', { class: 'preview', 'aria-label': 'feature-map preview' });

  constructor(private readonly root: HTMLElement) {
    const s = loadState();
    this.weightsMode = s.weightsMode === 'classic' ? 'classic' : 'seeded'; // trained needs its file again
    this.status.textContent = 'Waiting for a model…';
    root.replaceChildren(this.status, this.header, this.notices, this.diagramHost, this.previewTitle, this.previewHost);
  }

  /**
   * The panel's first moments, while the host analyses the document: the sample image is asked
   * for and the preview backend (its self-test compiles shaders) started now, so the first
   * feature map does not wait on them once the model arrives. The diagram's layout worker starts
   * after that map (layout.ts): a quick top-down diagram is drawn until its layout comes.
   */
  start(): void {
    this.requestSample();
    scheduleLayoutWorker();
    setTimeout(() => {
      try {
        this.backend ??= createBackend({ setting: previewBackendSetting() });
      } catch {
        // The preview creates it again and says what failed.
      }
    }, 0);
  }

  private requestSample(): void {
    if (this.sampleRequested || this.image) return;
    this.sampleRequested = true;
    const name = loadState().sample ?? DEFAULT_SAMPLE;
    // The page's own copy of the default sample when it has it (sampleScript.ts), else the host's.
    const sample = preloadedSample();
    if (sample && sample.name === name) void this.onImage(sample.name, sample.bytes);
    else post({ type: 'loadSample', name });
  }

  private get model(): ModelReport | null {
    return this.report?.models[this.modelIndex] ?? null;
  }

  handle(msg: HostMessage): void {
    switch (msg.type) {
      case 'model':
        return void this.onModel(msg);
      case 'noModel':
        this.warmup.cancel();
        this.report = null;
        this.diagramKey = '';
        this.diagramSvg = null;
        this.status.textContent = msg.reason;
        this.status.hidden = false;
        for (const part of [this.header, this.notices, this.diagramHost, this.previewHost]) part.replaceChildren();
        this.diagramHost.hidden = this.previewTitle.hidden = true;
        return;
      case 'image':
        return void this.onImage(msg.name, msg.bytes);
      case 'weights':
        try {
          this.weightsLoaded(msg.path, readTfjsFile(msg.modelJson, msg.files), []);
        } catch (e) {
          this.weightsFailed(msg.path, (e as Error).message);
        }
        return this.updatePreview();
      case 'kerasWeights':
        return void this.onKerasWeights(msg.path, msg.bytes);
      case 'error':
        if (msg.context === 'image') {
          this.imageError = msg.message;
          this.sampleRequested = false;
        }
        else if (msg.context === 'weights') this.weightsError = msg.message;
        else if (msg.context === 'export') this.exportNote = `Export failed: ${msg.message}`;
        else this.panelError = `The ShapeLens panel host failed: ${msg.message}`;
        this.renderNotices();
        return this.updatePreview();
      case 'exported':
        this.exportNote = `Saved ${msg.path}`;
        return this.renderNotices();
    }
  }

  private async onModel(msg: Extract<HostMessage, { type: 'model' }>): Promise<void> {
    if (msg.repeat && this.report) return; // the first one arrived: nothing newer was posted since
    markStartup('modelReceived');
    markStartup(msg.origin === 'local' ? 'localModel' : 'serverModel');
    const firstModel = this.report === null;
    this.panelError = null;
    this.status.hidden = true;
    this.diagramHost.hidden = this.previewTitle.hidden = false;
    this.report = msg.report;
    this.modelIndex = msg.selectedModel;
    this.samples = msg.samples;
    this.weightFiles = msg.weights;
    saveState({ documentUri: msg.documentUri });
    const model = this.model;
    if (!model) return;

    // The cursor picks the previewed layer when it moves onto a new layer; a layer the user
    // chose stays chosen while they type elsewhere.
    if (msg.cursorLayer !== null && msg.cursorLayer !== this.lastCursorLayer && msg.cursorLayer < model.layers.length) this.previewLayer = msg.cursorLayer;
    this.lastCursorLayer = msg.cursorLayer;
    if (this.previewLayer === null || this.previewLayer >= model.layers.length) {
      const remembered = loadState().previewLayer;
      const byName = model.layers.find((l) => l.name === remembered);
      this.previewLayer = (byName ?? model.layers.find((l) => /Conv/.test(l.className ?? '')) ?? model.layers[0])?.index ?? null;
    }
    if (firstModel) this.requestSample();

    this.applyTrainedWeights();
    this.renderHeader();
    this.renderNotices();
    // The preview starts before the diagram is laid out: nothing in it needs the layout, which
    // (elkjs in a worker) takes up to seconds on a cold page and held the first map back. The
    // idle warm-up of the other layers' programs waits for the diagram to be shown (ProgramWarmup),
    // the quick one if elkjs's is still to come.
    let diagramDone = (): void => undefined;
    this.diagramSettled = new Promise<void>((resolve) => {
      diagramDone = resolve;
    });
    this.updatePreview();
    try {
      await this.renderDiagramIfChanged(diagramDone);
    } finally {
      diagramDone();
    }
  }

  private async onKerasWeights(path: string, bytes: Uint8Array): Promise<void> {
    const label = path.split(/[\\/]/).pop() || path;
    const { parse } = await parseKerasInWorker(bytes, label);
    if (this.requestedWeights !== null && this.requestedWeights !== path) return; // the user chose another file meanwhile
    if (!parse.ok) this.weightsFailed(path, parse.error);
    else this.weightsLoaded(path, parse.weights, parse.notes);
    this.updatePreview();
  }

  private weightsLoaded(path: string, stored: StoredWeights, notes: readonly string[]): void {
    this.loadedWeights = { path, stored, notes };
    this.weightsError = null;
    this.applyTrainedWeights();
  }

  private weightsFailed(path: string, error: string): void {
    this.loadedWeights = null;
    this.trained = null;
    this.weightsError = `${path}: ${error}`;
  }

  private applyTrainedWeights(): void {
    const loaded = this.loadedWeights;
    const model = this.model;
    if (!loaded || !model) return;
    try {
      this.trained = matchTrainedWeights(model, loaded.stored);
      this.trainedPath = loaded.path;
      this.weightsError = null;
    } catch (e) {
      this.trained = null;
      this.weightsError = `${loaded.path}: ${(e as Error).message}`;
    }
  }

  private renderHeader(): void {
    const model = this.model;
    if (!model || !this.report) return;
    const title = el('div', { class: 'title' }, [
      el('strong', {}, [model.name ?? `model ${this.modelIndex + 1}`]),
      ` · ${model.kind} · ${model.layers.length} layers · ${model.totalParams === null && model.paramsRange ? `${formatParamsTotal(null, model.paramsRange)} params` : formatCount(model.totalParams)}`,
      model.totalMacs !== null ? ` · ${(model.totalMacs / 1e6).toFixed(1)} M MACs` : '',
      model.incomplete ? ' · partly followed' : '',
    ]);
    const svgButton = el('button', { type: 'button', id: 'export-svg', class: 'secondary' }, ['Export SVG']);
    const pngButton = el('button', { type: 'button', id: 'export-png', class: 'secondary' }, ['Export PNG']);
    svgButton.addEventListener('click', () => this.exportDiagram('svg'));
    pngButton.addEventListener('click', () => this.exportDiagram('png'));
    this.header.replaceChildren(title, el('div', { class: 'actions' }, [svgButton, pngButton]));
  }

  /**
   * A host message failed validation. Dropping it silently would leave the panel waiting
   * forever ("Loading the sample image…"), so say what arrived and stop waiting for it.
   */
  rejected(type: string | undefined, problem: string): void {
    const what = `The panel could not use a${type ? ` '${type}'` : ''} message from the extension: ${problem}`;
    if (type === 'image') this.imageError = what;
    else if (type === 'weights' || type === 'kerasWeights') this.weightsError = what;
    else this.panelError = what;
    if (!this.report) {
      this.status.textContent = what;
      this.status.hidden = false;
    }
    this.renderNotices();
    this.updatePreview();
  }

  private renderNotices(): void {
    const items: HTMLElement[] = [];
    if (this.panelError) items.push(previewMessage('error', this.panelError));
    if (this.backend?.fallbackReason) items.push(previewMessage('warning', `CPU preview: ${this.backend.fallbackReason}`));
    const model = this.model;
    if (model && this.report) {
      const { unattached } = findingsByLayer(model, this.modelIndex, this.report.diagnostics);
      for (const d of unattached) items.push(previewMessage(d.severity === 'error' ? 'error' : 'warning', `line ${d.line}: ${d.message} (${d.code})`));
    }
    if (this.diagramNote) items.push(previewMessage('info', this.diagramNote));
    if (this.exportNote) items.push(previewMessage('info', this.exportNote));
    replaceChildrenWith(this.notices, items);
  }

  /**
   * Draws the model's diagram unless it is drawn already (then marks the cursor's layer on it);
   * `shown` is called once one is on screen.
   */
  private async renderDiagramIfChanged(shown: () => void): Promise<void> {
    const model = this.model;
    if (!model || !this.report) return;
    const { diagnostics } = this.report;
    const key = JSON.stringify([this.modelIndex, model, diagnostics]);
    if (key !== this.diagramKey) {
      const seq = ++this.renderSeq;
      const render = (provisional: boolean): Promise<SVGSVGElement> =>
        renderDiagram(model, this.modelIndex, diagnostics, usesChannelsFirst(model), { onNodeClick: (l) => this.onNodeClick(l) }, { provisional });
      // While elkjs is still starting (a cold panel), a quick layered layout is drawn first and
      // elkjs's replaces it when it comes: the diagram shows with the model, not seconds later.
      const quick = await render(true);
      if (seq !== this.renderSeq) return; // a newer model arrived during layout
      this.showDiagram(key, quick, model);
      markStartup('diagramShown');
      shown();
      if (!quick.hasAttribute('data-layout-provisional')) return;
      const full = await render(false);
      if (seq !== this.renderSeq) return;
      this.showDiagram(key, full, model);
      markStartup('diagramLaidOut');
      return;
    }
    this.highlight(this.lastCursorLayer);
  }

  /** Puts `svg` in place of the diagram shown, keeping which node has the keyboard focus. */
  private showDiagram(key: string, svg: SVGSVGElement, model: ModelReport): void {
    const active = document.activeElement;
    const focused = active instanceof SVGElement && this.diagramSvg?.contains(active) ? active.closest('.node')?.getAttribute('data-index') : null;
    this.diagramKey = key;
    this.diagramSvg = svg;
    this.diagramHost.replaceChildren(svg);
    this.highlight(this.lastCursorLayer);
    if (focused != null) svg.querySelector<SVGElement>(`.node[data-index="${focused}"]`)?.focus();
    this.diagramNote = layoutNote(svg, model.layers.length);
    this.renderNotices();
  }

  private highlight(cursorLayer: number | null): void {
    for (const n of Array.from(this.diagramSvg?.querySelectorAll('.node') ?? [])) {
      const i = Number(n.getAttribute('data-index'));
      n.classList.toggle('cursor', i === cursorLayer);
      n.classList.toggle('selected', i === this.previewLayer);
    }
  }

  private onNodeClick(layer: LayerReport): void {
    post({ type: 'reveal', line: layer.range.line, column: layer.range.column, ...(layer.range.cell !== undefined ? { cell: layer.range.cell } : {}) });
    this.selectLayer(layer.index);
  }

  private selectLayer(index: number): void {
    this.previewLayer = index;
    const name = this.model?.layers[index]?.name;
    if (name) saveState({ previewLayer: name });
    this.highlight(this.lastCursorLayer);
    this.updatePreview();
  }

  private async onImage(name: string, bytes: Uint8Array): Promise<void> {
    markStartup('imageReceived');
    try {
      const decoded = await decodeImage(bytes, name);
      markStartup('imageDecoded');
      this.image?.decoded.bitmap.close();
      this.image = { name, decoded };
      this.imageError = null;
      if (this.samples.some((s) => s.name === name)) saveState({ sample: name });
    } catch (e) {
      this.imageError = e instanceof ImageProblem ? e.message : `${name}: ${(e as Error).message}`;
    }
    // Only now: a model arriving while the sample decodes must not ask for (and decode) it again.
    this.sampleRequested = false;
    this.updatePreview();
  }

  private updatePreview(): void {
    const model = this.model;
    if (!model) return;
    const controls = previewControls({
      model,
      layer: this.previewLayer,
      samples: this.samples,
      imageName: this.image?.name ?? null,
      weightsMode: this.weightsMode,
      weightFiles: this.weightFiles,
      trainedPath: this.trainedPath,
      perMapScale: this.perMapScale,
      sizes: [...this.symbolSizes(model)].map(([name, value]) => ({ name, value })),
      onSize: (name, value) => {
        this.symbolValues.set(name, value);
        this.updatePreview();
      },
      onPerMapScale: (on) => {
        this.perMapScale = on;
        this.updatePreview();
      },
      onLayer: (i) => this.selectLayer(i),
      onSample: (name) => post({ type: 'loadSample', name }),
      onPickImage: () => post({ type: 'pickImage' }),
      onWeights: (mode, path) => {
        this.weightsMode = mode;
        saveState({ weightsMode: mode });
        if (mode === 'trained' && path && path !== this.trainedPath) {
          this.trained = null;
          this.loadedWeights = null;
          this.weightsError = null;
          this.requestedWeights = path;
          post({ type: 'loadWeights', path });
        }
        this.updatePreview();
      },
    });
    replaceChildrenWith(this.previewHost, [controls]);
    appendAll(this.previewHost, this.previewBody(model));
  }

  /** The value each symbol of the input is previewed at: the user's, else the image's size. */
  private symbolSizes(model: ModelReport): Map<string, number> {
    const values = new Map<string, number>();
    if (!this.image) return values;
    for (const s of inputSymbols(model, usesChannelsFirst(model), freeSize(this.image.decoded))) values.set(s.name, this.symbolValues.get(s.name) ?? s.fallback);
    return values;
  }

  private previewBody(symbolic: ModelReport): HTMLElement[] {
    const out: HTMLElement[] = [];
    if (this.weightsError && this.weightsMode === 'trained') out.push(previewMessage('error', `Trained weights: ${this.weightsError}`));
    if (this.weightsMode === 'trained' && this.trained) {
      for (const n of this.loadedWeights?.notes ?? []) out.push(previewMessage('info', `Trained weights: ${n}`));
      for (const e of weightMessageList(this.trained.messages)) out.push(e);
    }
    const last = (e: HTMLElement): HTMLElement[] => {
      out.push(e);
      return out;
    };
    if (this.imageError) return last(previewMessage('error', this.imageError));
    const sizes = this.symbolSizes(symbolic);
    const model = sizes.size > 0 ? substituted(symbolic, sizes) : symbolic;
    const layer = this.previewLayer === null ? null : model.layers[this.previewLayer];
    if (!layer) return last(previewMessage('info', 'Pick a layer to preview.'));
    if (!this.image) return last(previewMessage('info', 'Loading the sample image…'));
    if (this.weightsMode === 'trained' && !this.trained) return last(previewMessage('info', this.weightsError ? 'No trained weights loaded.' : 'Loading trained weights…'));
    const flat = staticallyUnpreviewable(model, layer.index);
    if (flat) return last(previewMessage('info', flat));
    if (sizes.size > 0) {
      const small = tooSmall(model, ancestorsOf(model, layer.index), sizes);
      if (small) return last(previewMessage('warning', small));
      const chosen = [...sizes].map(([n, v]) => `${n} = ${v}${this.symbolValues.has(n) ? '' : ' (from the image)'}`).join(', ');
      out.push(previewMessage('info', `The code leaves the input size open: previewed at ${chosen}.`));
    }
    try {
      this.backend ??= createBackend({ setting: previewBackendSetting() });
      this.previewHost.dataset.backend = this.backend.backend.name;
      if (this.backend.fallbackReason) this.renderNotices();
      const weights = makeWeightSource(this.weightsMode, model, this.trained);
      const compiledBefore = programsCompiled(this.backend.backend);
      const result = runPreview(this.backend.backend, model, layer.index, this.image.decoded, weights, this.activations);
      const compiled = programsCompiled(this.backend.backend) - compiledBefore;
      out.push(previewMessage('info', `Weights: ${weights.label}`));
      for (const n of result.weightNotes) out.push(previewMessage('warning', n));
      const odd = nonFiniteOutputNote(result.maps.data, layer.name);
      if (odd) out.push(previewMessage('warning', odd));
      const shown = previewResult(result, layer, this.perMapScale);
      // GPU programs this preview had to compile (0 once the warm-up ran): tests and the curious read it.
      shown.dataset.compiled = String(compiled);
      out.push(shown);
      markStartup('firstMap');
      markAfterNextPaint('firstMapPainted');
      // The diagram's layout worker waits for the first map (layout.ts). A hidden panel paints
      // no frame: then it starts on its own a little later.
      if (!this.layoutWorkerAllowed) {
        this.layoutWorkerAllowed = true;
        void afterNextPaint().then(allowLayoutWorker);
      }
      // Then, while the user looks at it, the programs of the layers not shown yet.
      this.scheduleWarmup(model, result.layerKeys);
    } catch (e) {
      if (e instanceof NotPreviewable) out.push(previewMessage('warning', e.message));
      else out.push(previewMessage('error', `The preview failed: ${(e as Error).message}`));
    }
    return out;
  }

  /**
   * Warms the other layers' programs once the diagram is drawn (ProgramWarmup); the preview's
   * `data-warmup` says "done" when a warm-up of the current layers has finished.
   */
  private scheduleWarmup(model: ModelReport, layerKeys: readonly number[]): void {
    if (!this.backend || !this.image) return;
    if (!this.warmup.schedule(this.backend.backend, model, this.image.decoded, makeWeightSource(this.weightsMode, model, this.trained), layerKeys, this.diagramSettled)) return;
    delete this.previewHost.dataset.warmup;
    const current = this.warmup.done;
    void current.then((outcome) => {
      if (outcome?.finished && this.warmup.done === current) this.previewHost.dataset.warmup = 'done';
    });
  }

  private async exportDiagram(kind: 'svg' | 'png'): Promise<void> {
    if (!this.diagramSvg) return;
    try {
      const text = standaloneSvg(this.diagramSvg);
      if (kind === 'svg') post({ type: 'exportSvg', data: text });
      else post({ type: 'exportPng', data: await svgToPng(text, this.diagramSvg.width.baseVal.value, this.diagramSvg.height.baseVal.value) });
    } catch (e) {
      // A click handler's rejection would vanish; say it where the export result goes.
      this.exportNote = `Export failed: ${(e as Error).message}`;
      this.renderNotices();
    }
  }
}
