// Offsets of code from other files. An imported module is parsed once and its spans moved
// past FOREIGN_BASE, each module version to a slot of its own, so that an offset alone says
// which file it is in: the analysed file's offsets are all below FOREIGN_BASE. The interpreter
// runs imported functions as it runs local ones; before anything reaches the analysed file's
// results, every foreign span is mapped back to a place in that file (localize.ts) or dropped,
// so no diagnostic, hint or quick fix ever points into the wrong text.

/** Offsets at or above this belong to an imported module (2^40: far above any file). */
export const FOREIGN_BASE = 2 ** 40;
/** Room per module version: more than the largest module the resolver reads (limits.ts). */
export const SLOT_SIZE = 2 ** 22;
/** Slots before numbering wraps round (offsets stay exact integers: 2^40 + 2^30·2^22 < 2^53). */
const SLOTS = 2 ** 30;

let nextSlot = 0;

/** A fresh base offset for one parsed module version (process-wide, so workspaces never collide). */
export function allocateBase(): number {
  const slot = nextSlot;
  nextSlot = (nextSlot + 1) % SLOTS;
  return FOREIGN_BASE + slot * SLOT_SIZE;
}

export function isForeignOffset(offset: number): boolean {
  return offset >= FOREIGN_BASE;
}

/** The base of the slot an offset lies in. */
export function baseOf(offset: number): number {
  return FOREIGN_BASE + Math.floor((offset - FOREIGN_BASE) / SLOT_SIZE) * SLOT_SIZE;
}

/** A module's text, found by any offset inside its slot. */
export interface ForeignSource {
  readonly path: string;
  readonly text: string;
  readonly base: number;
}

/** What the interpreters need of the workspace to show code from other files. */
export interface ForeignTexts {
  sourceAt(offset: number): ForeignSource | null;
}

/** `text.slice(start, end)` for the analysed text or any module's (an empty string if unknown). */
export function sliceSource(rootText: string, foreign: ForeignTexts | null, start: number, end: number): string {
  if (!isForeignOffset(start)) return rootText.slice(start, end);
  const src = foreign?.sourceAt(start);
  return src ? src.text.slice(start - src.base, end - src.base) : '';
}
