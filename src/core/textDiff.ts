// The one region where two texts differ, by common prefix and suffix. Cheap (one linear scan
// of each end) and exact for any pair of texts: several edits in one change simply merge into
// one region that covers them all.

/** [start, oldEnd) in the old text became [start, newEnd) in the new text. */
export interface TextDiff {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

export function diffTexts(oldText: string, newText: string): TextDiff {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < max - start &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}
