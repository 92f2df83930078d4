// An inlay hint's shape label as parts (LSP InlayHintLabelPart): the same text as
// formatShapeHint, with each dimension an imported constant sets (origins.ts) a part of its
// own whose location is that constant, so go-to-definition on the hint jumps there.
import type { InlayHintLabelPart } from 'vscode-languageserver';
import { formatShapeHint } from '../core/format';
import type { MaybeShape, SourceLanguage, ValueOrigin } from '../core/types';
import { originLocation, originPlace } from './origins';
import type { ShapeHintStyle } from './settings';

interface Piece {
  readonly text: string;
  /** The index of the dimension (batch included) this piece writes; null for punctuation. */
  readonly dim: number | null;
}

/** formatShapeHint's text, cut into dimensions and what lies between them. */
export function shapePieces(shape: MaybeShape, style: ShapeHintStyle, language: SourceLanguage): Piece[] {
  if (!shape) return [{ text: formatShapeHint(shape, style, language), dim: null }];
  const pieces: Piece[] = [];
  const dims = (from: number, sep: string, unknown: string): void => {
    for (let i = from; i < shape.length; i++) {
      if (i > from) pieces.push({ text: sep, dim: null });
      const d = shape[i];
      pieces.push({ text: d === null ? unknown : String(d), dim: i });
    }
  };
  if (style === 'compact') {
    if (shape.length <= 1) return [{ text: formatShapeHint(shape, style, language), dim: null }];
    dims(1, '×', '?');
  } else if (language === 'python') {
    pieces.push({ text: '(', dim: null });
    dims(0, ', ', 'None');
    pieces.push({ text: shape.length === 1 ? ',)' : ')', dim: null });
  } else {
    pieces.push({ text: '[', dim: null });
    dims(0, ',', 'null');
    pieces.push({ text: ']', dim: null });
  }
  return pieces;
}

/**
 * `→ 26×26×32` as a plain string when no dimension has an origin; else as parts, the linked
 * dimensions carrying their constant's location and, as tooltip, its name and place.
 */
export function shapeHintLabel(shape: MaybeShape, style: ShapeHintStyle, language: SourceLanguage, origins: ReadonlyMap<number, ValueOrigin>, fileName: string): string | InlayHintLabelPart[] {
  const plain = `→ ${formatShapeHint(shape, style, language)}`;
  if (origins.size === 0) return plain;
  const parts: InlayHintLabelPart[] = [];
  let pending = '→ ';
  for (const piece of shapePieces(shape, style, language)) {
    const origin = piece.dim === null ? undefined : origins.get(piece.dim);
    if (!origin) {
      pending += piece.text;
      continue;
    }
    if (pending) parts.push({ value: pending });
    pending = '';
    parts.push({ value: piece.text, location: originLocation(origin), tooltip: `${piece.text} ← ${origin.name}, ${originPlace(origin, fileName)}` });
  }
  if (pending) parts.push({ value: pending });
  return parts;
}
