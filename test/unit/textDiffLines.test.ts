// diffTexts and createLineIndex take fast paths (block compares, native line search) because an
// editor runs both on the whole file at every keystroke; they must equal the plain definitions
// on texts long enough to use those paths, with edits at the ends, inside blocks and at their
// edges, repeated characters that make prefix and suffix compete, and every kind of line break.
import { strict as assert } from 'assert';
import { diffTexts, type TextDiff } from '../../src/core/textDiff';
import { createLineIndex } from '../../src/core/lineIndex';
import { seededRandom } from '../support/seededRandom';

/** The definition: longest common prefix, then the longest common suffix not overlapping it. */
function plainDiff(a: string, b: string): TextDiff {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a[start] === b[start]) start++;
  let suffix = 0;
  while (suffix < max - start && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}

/** Line and character of an offset by walking the text, counting \r\n, \r and \n as one break each. */
function plainPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n' && i + 1 < offset) continue;
    if (text[i] === '\n' || text[i] === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  // An offset between \r and \n belongs to the line the \r ends.
  return { line, character: offset - lineStart };
}

function randomText(rand: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

describe('diffTexts and createLineIndex (fast paths)', () => {
  it('diffTexts equals the plain prefix/suffix definition', () => {
    const rand = seededRandom(12);
    for (let round = 0; round < 400; round++) {
      const alphabet = round % 3 === 0 ? 'a' : round % 3 === 1 ? 'ab\n' : 'abcdefgh ;{}\n';
      const a = randomText(rand, Math.floor(rand() * 3000), alphabet);
      const at = Math.floor(rand() * (a.length + 1));
      const cut = Math.min(a.length - at, Math.floor(rand() * (round % 5 === 0 ? 600 : 5)));
      const b = a.slice(0, at) + randomText(rand, Math.floor(rand() * (round % 7 === 0 ? 700 : 4)), alphabet) + a.slice(at + cut);
      assert.deepEqual(diffTexts(a, b), plainDiff(a, b), `round ${round}`);
      assert.deepEqual(diffTexts(b, a), plainDiff(b, a), `round ${round}, reversed`);
    }
    const long = 'x'.repeat(1024);
    assert.deepEqual(diffTexts(long, long), plainDiff(long, long));
    assert.deepEqual(diffTexts(long, long + 'x'), plainDiff(long, long + 'x'));
    assert.deepEqual(diffTexts('', long), plainDiff('', long));
  });

  it('createLineIndex places every offset as a walk of the text does, for \\n, \\r\\n and \\r', () => {
    const rand = seededRandom(13);
    for (const alphabet of ['ab\n', 'ab\r\n', 'a\r', 'abc']) {
      const text = randomText(rand, 2000, alphabet);
      const lines = createLineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = plainPosition(text, offset);
        const inCrLf = text[offset - 1] === '\r' && text[offset] === '\n';
        if (!inCrLf) assert.deepEqual(lines.positionAt(offset), expected, `offset ${offset} of ${JSON.stringify(alphabet)}`);
        const back = lines.positionAt(offset);
        if (!inCrLf) assert.equal(lines.offsetAt(back), offset, `round trip at ${offset}`);
      }
    }
  });
});
