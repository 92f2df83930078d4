// Hovers: a layer call shows its shapes, params (with the formula), MACs and receptive field;
// a model call shows its summary table and totals. Numbers set by another file's constants
// say where (`28 ← IMAGE_H, data.js:23`).
import { Hover, MarkupKind } from 'vscode-languageserver';
import { formatCount } from '../core/format';
import { formatSummary } from '../core/summary';
import type { AnalyzedNode, FileAnalysis, SourceLanguage } from '../core/types';
import { modelTotal, nodeParams, outputTuple, receptiveFieldText, shapeTuple, weightSize } from './describe';
import type { DocumentView } from './documentView';
import { layerNodeAt, modelAt } from './locate';
import { originLines } from './origins';

/** Why a file without a TF.js import has models at all (hovers say it). */
const GLOBAL_TF_NOTE = "`tf` is not imported in this file: it is read as the global that TF.js's browser build defines (a `<script src=\".../tfjs\">` tag).";

function layerHover(node: AnalyzedNode, language: SourceLanguage, globalTf: boolean, origins: readonly string[]): string {
  const title = `**${node.displayName}**${node.className ? ` · \`${node.className}\`` : ' · unknown layer'}`;
  const rows: [string, string][] = [['Output shape', `\`${outputTuple(node, language)}\``]];
  const inputs = node.inputShapes.map((s) => `\`${shapeTuple(s, language)}\``).join(', ');
  rows.push([node.inputShapes.length > 1 ? 'Input shapes' : 'Input shape', inputs || '—']);
  rows.push(['Params', nodeParams(node)]);
  if (node.macs !== null) rows.push(['MACs', formatCount(node.macs)]);
  const rf = receptiveFieldText(node);
  if (rf) rows.push(['Receptive field', rf]);
  const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
  if (node.node.condition) rows.push(['Only if', `${code(node.node.condition)} (shapes after it are the same either way)`]);
  if (node.node.repeat) rows.push(['Repeated', `${code(node.node.repeat)}, any number of times (each keeps the shape, so shapes after it hold)`]);
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
  const from = origins.length > 0 ? `\n\n**From other files**\n\n${origins.join('\n')}` : '';
  return `${title}\n\n${table}${from}${globalTf ? `\n\n${GLOBAL_TF_NOTE}` : ''}`;
}

/** The summary table of one model: the file's analysis narrowed to that model. */
export function modelSummaryText(analysis: FileAnalysis, modelIndex: number): string {
  const model = analysis.models[modelIndex];
  const findings = analysis.findings
    .filter((f) => f.modelIndex === modelIndex)
    .map((f) => ({ ...f, modelIndex: 0 }));
  return formatSummary({ ...analysis, models: [model], findings });
}

function modelHover(analysis: FileAnalysis, modelIndex: number): string {
  const model = analysis.models[modelIndex];
  const count = (n: number | null): string => (n === null ? 'unknown' : formatCount(n));
  const size = weightSize(model);
  const totals = [
    `**Total params:** ${modelTotal(model) ?? 'unknown'}`,
    `**Trainable:** ${count(model.trainableParams)}`,
    `**Non-trainable:** ${count(model.nonTrainableParams)}`,
    `**Weights (float32):** ${size ?? 'unknown'}`,
  ].join(' · ');
  const globalNote = analysis.globalTf ? `\n\n${GLOBAL_TF_NOTE}` : '';
  return `\`\`\`text\n${modelSummaryText(analysis, modelIndex)}\n\`\`\`\n\n${totals}${globalNote}`;
}

/** The hover at an offset of the analysed text, in `view`'s document. */
export function hoverAt(view: DocumentView, offset: number): Hover | null {
  if (offset < 0 || !view.contains(offset)) return null;
  const analysis = view.analysis;
  const hit = layerNodeAt(analysis, offset);
  if (hit) {
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: layerHover(hit.node, analysis.language, analysis.globalTf === true, originLines(hit.model, hit.node, analysis.fileName)),
      },
      range: view.locate(hit.node.node.span).range,
    };
  }
  const model = modelAt(analysis, offset);
  if (model) {
    return {
      contents: { kind: MarkupKind.Markdown, value: modelHover(analysis, model.modelIndex) },
      range: view.locate(model.model.graph.span).range,
    };
  }
  return null;
}
