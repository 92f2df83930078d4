// How Keras spells names: `keras.src.utils.naming.to_snake_case` for generated layer and model
// names (`MaxPooling2D` → `max_pooling2d`, `ReLU` → `re_lu`), and snake_case keywords to the
// catalog's camelCase config keys (`kernel_size` → `kernelSize`).

const snakeCache = new Map<string, string>();

/** Keras's to_snake_case: strip non-word characters, split words before capitals, lowercase. */
export function kerasSnakeCase(name: string): string {
  let s = snakeCache.get(name);
  if (s === undefined) {
    s = name
      .replace(/\W+/g, '')
      .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase();
    snakeCache.set(name, s);
  }
  return s;
}

const camelCache = new Map<string, string>();
/** Keywords whose spellings are kept, at most: they are names written in code, few but unbounded. */
const MAX_CACHED_KEYWORDS = 10_000;

/** `kernel_size` → `kernelSize`. Cached: called for every keyword argument of every layer. */
export function camelCase(keyword: string): string {
  let camel = camelCache.get(keyword);
  if (camel === undefined) {
    camel = keyword.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelCache.size >= MAX_CACHED_KEYWORDS) camelCache.clear();
    camelCache.set(keyword, camel);
  }
  return camel;
}
