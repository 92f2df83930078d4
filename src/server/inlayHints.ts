// Inlay hints: the output shape after each layer call, total params after each model call.
import { InlayHint, InlayHintKind, MarkupKind, Position, Range } from 'vscode-languageserver';
import { formatCount, formatSymbolicShape } from '../core/format';
import { modelTotal, nodeParams, outputTuple } from './describe';
import type { DocumentView } from './documentView';
import { shapeHintLabel } from './hintLabel';
import { dimensionOrigins } from './origins';
import type { ShapeHintStyle } from './settings';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function inside(p: Position, range: Range): boolean {
  return !before(p, range.start) && !before(range.end, p);
}

/** Hints in `range` of the view's document (a notebook cell shows the hints of its own code). */
export function inlayHints(view: DocumentView, range: Range, style: ShapeHintStyle): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const model of view.analysis.models) {
    const total = modelTotal(model);
    const modelEnd = view.lines.positionAt(model.graph.span.end);
    if (total !== null && view.contains(model.graph.span.end) && inside(modelEnd, range)) {
      hints.push({
        position: modelEnd,
        label: `${total} params`,
        paddingLeft: true,
        tooltip:
          model.totalParams !== null
            ? `Trainable: ${formatCount(model.trainableParams ?? 0)} · non-trainable: ${formatCount(model.nonTrainableParams ?? 0)}`
            : model.totalParamsExpr && !model.paramsRange
              ? `The total depends on ${(model.symbols ?? []).map((s) => s.name).join(', ')}, which the code does not fix.`
              : 'The total depends on a condition or loop count the code decides at run time.',
      });
    }
    for (const node of model.nodes) {
      // Inputs state their shape in the source already; an unknown shape would only add noise.
      if (node.node.op.kind !== 'layer' || node.outputShape === null || !view.contains(node.node.span.end)) continue;
      const position = view.lines.positionAt(node.node.span.end);
      if (!inside(position, range)) continue;
      hints.push({
        position,
        // Dimensions an imported constant sets link to it (go-to-definition from the hint).
        label: node.symbolicShape
          ? `→ ${formatSymbolicShape(node.symbolicShape, style, view.analysis.language)}`
          : shapeHintLabel(node.outputShape, style, view.analysis.language, dimensionOrigins(node), view.analysis.fileName),
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: {
          kind: MarkupKind.Markdown,
          value: `**${node.displayName}**${node.className ? ` (${node.className})` : ''}\n\nOutput shape: \`${outputTuple(node, view.analysis.language)}\`\n\nParams: ${nodeParams(node)}`,
        },
      });
    }
  }
  return hints;
}
