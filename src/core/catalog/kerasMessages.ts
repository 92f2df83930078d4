// Catalog messages name config keys and values the TF.js way (`kernelSize`, 'channelsLast').
// For a Keras layer the same message must use the file's own words: the Keras keyword
// (`kernel_size`, `negative_slope`) and value ('channels_last'). This rewrites the camelCase
// keys a message mentions, using the class's own Keras signature, so every entry's messages
// serve both dialects without a second copy. A key Keras renames (LeakyReLU's `alpha` is
// `negative_slope`) is respelled even when it is one lower-case word.
import type { LayerProblem, LayerSpec } from '../types';

function snake(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

const VALUES: Readonly<Record<string, string>> = {
  channelsLast: 'channels_last',
  channelsFirst: 'channels_first',
  hardSigmoid: 'hard_sigmoid',
};

function keywordMap(spec: LayerSpec): Map<string, string> {
  const map = new Map<string, string>();
  for (const [kw, canonical] of Object.entries(spec.keras?.keywords ?? {})) map.set(canonical, kw);
  return map;
}

export function spellMessageForKeras(spec: LayerSpec | undefined, message: string): string {
  const keywords = spec ? keywordMap(spec) : new Map<string, string>();
  // A quoted word is a value: a catalog value ('channelsLast') is respelled, but one the user
  // wrote ('oneHot', an einsum equation) is quoted back as written. (An apostrophe after a
  // letter, as in "Conv2D's", opens no quote.)
  return message
    .split(/((?<![A-Za-z0-9])'[^'\n]*')/)
    .map((part, i) =>
      i % 2 === 1
        ? (VALUES[part.slice(1, -1)] !== undefined ? `'${VALUES[part.slice(1, -1)]}'` : part)
        : part.replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)*\b/g, (word) => VALUES[word] ?? keywords.get(word) ?? (/[A-Z]/.test(word) ? snake(word) : word)),
    )
    .join('')
    .replace(/\bTF\.js('s)?\b/g, (_, s: string | undefined) => (s ? "Keras's" : 'Keras'));
}

export function spellProblemsForKeras(spec: LayerSpec | undefined, problems: readonly LayerProblem[] | undefined): LayerProblem[] | undefined {
  return problems?.map((p) => ({ ...p, message: spellMessageForKeras(spec, p.message) }));
}
