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

/** `kernel_size` → `kernelSize`. */
export function camelCase(keyword: string): string {
  return keyword.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
