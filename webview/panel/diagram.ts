// The layer diagram: one SVG node per layer (block + class, output shape, params), edges from
// the report's producer indices, laid out by elkjs. Findings colour their layer and show
// their message (first line in the node, all of them in the tooltip).
import { layerEdges } from './layerEdges';
import type { DiagnosticReport, LayerReport, ModelReport } from '../../src/core/report';
import { blockExtent, blockFor, familyOf, type BlockGeometry } from './blocks';
import { svg } from './dom';
import { ELK_MAX_NODES, layoutGraph, type LayoutOptions } from './layout';
import { shownParamsExpr, shownShape } from './shape';

const BLOCK_AREA = 92;
const PAD = 8;
const LINE = 15;
const FONT = '12px system-ui, sans-serif';
const MONO = '11px ui-monospace, monospace';

export interface DiagramCallbacks {
  onNodeClick(layer: LayerReport): void;
}

let measureCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 7;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

export function formatShape(shape: readonly (number | null | string)[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]` : 'shape unknown';
}

export function formatCount(n: number | null): string {
  return n === null ? '? params' : `${n.toLocaleString('en-US')} param${n === 1 ? '' : 's'}`;
}

/** "896 params", or the expression when the count depends on a symbol ("50·numFeatures+50 params"). */
function paramsText(layer: LayerReport): string {
  const expr = layer.params === null ? shownParamsExpr(layer) : null;
  return expr ? `${truncate(expr, 46)} params` : formatCount(layer.params);
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Findings of one model, attached to the innermost layer whose range holds their start. */
export function findingsByLayer(model: ModelReport, modelIndex: number, diagnostics: readonly DiagnosticReport[]): { byLayer: Map<number, DiagnosticReport[]>; unattached: DiagnosticReport[] } {
  const byLayer = new Map<number, DiagnosticReport[]>();
  const unattached: DiagnosticReport[] = [];
  const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  for (const d of diagnostics) {
    if (d.model !== undefined && d.model !== modelIndex) continue;
    let best: LayerReport | null = null;
    for (const l of model.layers) {
      const r = l.range;
      const holds = before(r, d) && before(d, { line: r.endLine, column: r.endColumn });
      const smaller = !best || (r.endLine - r.line) * 1e6 + (r.endColumn - r.column) < (best.range.endLine - best.range.line) * 1e6 + (best.range.endColumn - best.range.column);
      if (holds && smaller) best = l;
    }
    if (best) byLayer.set(best.index, [...(byLayer.get(best.index) ?? []), d]);
    else if (d.model === modelIndex) unattached.push(d);
  }
  return { byLayer, unattached };
}

function drawBlock(b: BlockGeometry, family: string, x: number, y: number): SVGGElement {
  const off = b.depth * 0.7;
  const fx = x;
  const fy = y + off;
  const g = svg('g', { class: `block fam-${family}${b.kind === 'unknown' ? ' unknown' : ''}` });
  if (off > 0) {
    g.append(
      svg('polygon', { class: 'block-top', points: `${fx},${fy} ${fx + off},${fy - off} ${fx + off + b.thickness},${fy - off} ${fx + b.thickness},${fy}` }),
      svg('polygon', { class: 'block-side', points: `${fx + b.thickness},${fy} ${fx + b.thickness + off},${fy - off} ${fx + b.thickness + off},${fy - off + b.face} ${fx + b.thickness},${fy + b.face}` }),
    );
  }
  g.append(svg('rect', { class: 'block-front', x: fx, y: fy, width: b.thickness, height: b.face }));
  return g;
}

interface NodeBox {
  readonly layer: LayerReport;
  readonly block: BlockGeometry;
  readonly lines: { text: string; cls: string; font: string }[];
  readonly width: number;
  readonly height: number;
  readonly findings: DiagnosticReport[];
}

function nodeBox(layer: LayerReport, channelsFirst: boolean, findings: DiagnosticReport[]): NodeBox {
  const block = blockFor(layer, channelsFirst);
  const lines = [
    { text: layer.className ?? 'unknown layer', cls: 'n-class', font: `bold ${FONT}` },
    { text: formatShape(shownShape(layer)), cls: 'n-shape', font: MONO },
    // A layer applied several times is one node, its weights shared by every application.
    { text: layer.calls ? `${paramsText(layer)} · shared by ${layer.calls.length} calls` : paramsText(layer), cls: 'n-params', font: FONT },
  ];
  if (layer.condition) lines.push({ text: truncate(`only if ${layer.condition}`, 46), cls: 'n-condition', font: FONT });
  if (layer.repeat) lines.push({ text: truncate(`repeated ${layer.repeat}`, 46), cls: 'n-condition', font: FONT });
  if (findings.length) {
    const first = findings[0];
    lines.push({ text: truncate(`${first.severity === 'error' ? '✖' : '⚠'} ${first.message}`, 46), cls: 'n-finding', font: FONT });
  }
  const ext = blockExtent(block);
  const textW = lines.reduce((w, l) => Math.max(w, textWidth(l.text, l.font)), 0);
  return {
    layer,
    block,
    lines,
    findings,
    width: Math.ceil(PAD + Math.max(BLOCK_AREA, ext.width + 12) + textW + PAD),
    height: Math.ceil(Math.max(ext.height + 2 * PAD, lines.length * LINE + 2 * PAD)),
  };
}

/** What the panel says under a diagram laid out without elkjs. */
export function layoutNote(svgRoot: SVGSVGElement, layers: number): string | null {
  if (svgRoot.getAttribute('data-layout') !== 'layered' || svgRoot.hasAttribute('data-layout-provisional')) return null;
  const fallback = svgRoot.getAttribute('data-layout-fallback');
  const why = fallback
    ? `the full graph layout could not be used: ${fallback}`
    : `graphs over ${ELK_MAX_NODES} layers skip the full graph layout, which cannot handle them`;
  return `${layers.toLocaleString('en-US')} layers: drawn top-down in execution order (${why}); edges that skip rows run along the right side.`;
}

/** Builds the diagram SVG for one model. */
export async function renderDiagram(model: ModelReport, modelIndex: number, diagnostics: readonly DiagnosticReport[], channelsFirst: boolean, cb: DiagramCallbacks, options: LayoutOptions = {}): Promise<SVGSVGElement> {
  const { byLayer } = findingsByLayer(model, modelIndex, diagnostics);
  // One width for all nodes: a column of equal cards reads like a table of layers.
  const raw = model.layers.map((l) => nodeBox(l, channelsFirst, byLayer.get(l.index) ?? []));
  const width = raw.reduce((w, b) => Math.max(w, b.width), 0);
  const boxes = raw.map((b) => ({ ...b, width }));
  const edges = layerEdges(model);
  const input = { nodes: boxes.map((b) => ({ id: b.layer.index, width: b.width, height: b.height })), edges };
  const layout = await layoutGraph(input, options);

  const root = svg('svg', {
    class: 'diagram',
    xmlns: 'http://www.w3.org/2000/svg',
    width: Math.ceil(layout.width),
    height: Math.ceil(layout.height),
    viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`,
    role: 'img',
    'aria-label': `Layer diagram of ${model.name ?? 'the model'}`,
    'data-layout': layout.engine,
    ...(layout.elkUnavailable ? { 'data-layout-fallback': layout.elkUnavailable } : {}),
    // Tests and the curious: elkjs's layout is on its way and will replace this one.
    ...(layout.provisional ? { 'data-layout-provisional': 'elk' } : {}),
  });
  root.append(
    svg('defs', {}, [
      svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [svg('path', { class: 'arrowhead', d: 'M0,0 L10,5 L0,10 z' })]),
    ]),
  );
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    root.append(svg('path', { class: 'edge', d: e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' '), 'marker-end': 'url(#arrow)' }));
  }
  for (const box of boxes) {
    const pos = layout.nodes.get(box.layer.index);
    if (!pos) continue;
    const worst = box.findings.some((f) => f.severity === 'error') ? 'error' : box.findings.some((f) => f.severity === 'warning') ? 'warning' : box.findings.length ? 'info' : '';
    const g = svg('g', {
      class: `node${worst ? ` sev-${worst}` : ''}`,
      transform: `translate(${pos.x},${pos.y})`,
      'data-index': box.layer.index,
      'data-line': box.layer.line,
      tabindex: 0,
      role: 'button',
      'aria-label': `${box.layer.name}: ${box.layer.className ?? 'unknown'} ${box.lines[1].text}`,
    });
    const tooltip = [`${box.layer.name} (${box.layer.className ?? 'unknown'}) — line ${box.layer.line}`, `output ${formatShape(shownShape(box.layer))}`, box.layer.paramsFormula ? `params ${box.layer.paramsFormula}` : paramsText(box.layer), ...box.findings.map((f) => `${f.severity}: ${f.message} (${f.code})`)];
    g.append(svg('title', {}, [tooltip.join('\n')]), svg('rect', { class: 'node-bg', width: box.width, height: box.height, rx: 5 }));
    const ext = blockExtent(box.block);
    const blockX = PAD + (Math.max(BLOCK_AREA, ext.width + 12) - ext.width) / 2;
    g.append(drawBlock(box.block, familyOf(box.layer.className), blockX, (box.height - ext.height) / 2));
    const textX = PAD + Math.max(BLOCK_AREA, ext.width + 12);
    const top = (box.height - box.lines.length * LINE) / 2 + 11;
    box.lines.forEach((l, i) => g.append(svg('text', { class: l.cls, x: textX, y: top + i * LINE }, [l.text])));
    g.addEventListener('click', () => cb.onNodeClick(box.layer));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        cb.onNodeClick(box.layer);
      }
    });
    root.append(g);
  }
  return root;
}
