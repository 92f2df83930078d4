// Counting NaN and ±Infinity in a weight. A file can hold them (a diverged training run, a
// float16 overflow, a broken quantisation); the preview would colour them as if they meant
// something, so the matcher says which layer and weight carry them.

export interface NonFiniteCount {
  readonly nan: number;
  readonly infinite: number;
}

export function countNonFinite(data: Float32Array): NonFiniteCount {
  let nan = 0;
  let infinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== v) nan++;
    else if (v === Infinity || v === -Infinity) infinite++;
  }
  return { nan, infinite };
}

/** '3 NaN and 1 infinite value', '2 infinite values'; '' when there are none. */
export function describeNonFinite(c: NonFiniteCount): string {
  const parts: string[] = [];
  if (c.nan) parts.push(`${c.nan.toLocaleString('en-US')} NaN`);
  if (c.infinite) parts.push(`${c.infinite.toLocaleString('en-US')} infinite`);
  if (!parts.length) return '';
  return `${parts.join(' and ')} value${c.nan + c.infinite === 1 ? '' : 's'}`;
}
