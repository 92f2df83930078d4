// A byte-exact re-implementation of what Keras 3 (3.15.1) `model.summary()` prints when stdout is
// not a terminal: keras/src/utils/summary_utils.py print_summary builds a rich (15.0) Table with
// fixed column widths and prints it, with the `Model: "..."` title and the totals lines, through a
// rich Console that has no colours. This module reproduces the parts of rich that output depends
// on (table width resolution, HEAVY_HEAD box, cell padding, word wrapping, ellipsis cropping, cell
// widths of wide characters) for plain single-style text. It knows nothing about layers beyond the
// strings it is given; callers compute names, shapes and counts.
//
// Assumed, not modelled: the console writes UTF-8 (on a non-UTF-8 stdout rich substitutes an ASCII
// box), and cells hold plain text (rich markup and ":emoji:" codes already resolved by the caller).

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export interface KerasSummaryRow {
  /** Layer name as printed (Keras's `layer.name`, after rich markup/emoji-code processing). */
  readonly name: string;
  /** `layer.__class__.__name__`. */
  readonly className: string;
  /** The formatted output shape: see formatKerasShape / formatKerasOutputShapes. */
  readonly outputShape: string;
  /** "1,605,760", "0", "0 (unbuilt)" (see formatKerasCount). */
  readonly params: string;
  /** Only read when the model is not sequential-like: "input_layer[0][0]", "a[0][0], b[0][0]", "-". */
  readonly connectedTo?: string;
}

export interface KerasSummaryTotals {
  readonly total: number;
  readonly trainable: number;
  readonly nonTrainable: number;
  readonly totalBytes: number;
  readonly trainableBytes: number;
  readonly nonTrainableBytes: number;
  /** Present only when the model is compiled and its optimizer is built. */
  readonly optimizer?: { readonly count: number; readonly bytes: number };
}

export interface KerasSummaryInput {
  readonly modelName: string;
  /** Keras's `sequential_like`: three columns when true, four (with "Connected to") when false. */
  readonly sequentialLike: boolean;
  readonly rows: readonly KerasSummaryRow[];
  readonly totals: KerasSummaryTotals;
  /** The terminal width Keras and rich see: COLUMNS, else 80 when stdout is not a terminal. */
  readonly terminalColumns?: number;
  /** `summary(line_length=...)`; absent (or 0, as Keras reads `line_length or default`) for the
   *  default. A table wider than the terminal is cut at the terminal width, as rich does. */
  readonly lineLength?: number;
}

export type KerasDim = number | null;
export type KerasShape = readonly KerasDim[];
/** A layer's output structure as Keras holds it: a shape, or Python containers of shapes. */
export type KerasOutputStructure =
  | { readonly shape: KerasShape }
  | { readonly list: readonly KerasOutputStructure[] }
  | { readonly tuple: readonly KerasOutputStructure[] }
  | { readonly dict: readonly (readonly [string, KerasOutputStructure])[] };

/** The whole summary exactly as it reaches a piped stdout, ending with a newline. */
export function renderKerasSummary(input: KerasSummaryInput): string {
  const columns = input.terminalColumns ?? DEFAULT_TERMINAL_COLUMNS;
  const lineLength = input.lineLength || kerasLineLength(input.sequentialLike, columns);
  const specs = kerasColumns(input.sequentialLike, lineLength);
  const table = renderTable(specs, input.rows.map((row) => rowCells(row, input.sequentialLike)), lineLength);
  const lines = [
    ...printText(`Model: "${input.modelName}"`, columns),
    // Console.print crops every line to the console width (Table.width may exceed it).
    ...table.map((line) => cropToWidth(line, columns)),
    ...totalsLines(input.totals).flatMap((line) => printText(line, columns)),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/** keras summary_utils.readable_memory_size: divide by 1024 until below one unit, two decimals. */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${formatFixed(size, 2)} ${unit}`;
    size /= 1024;
  }
  // Keras divides once more before falling out of its loop, so sizes of 1024 PB and up print
  // 1024 times too small; reproduced on purpose.
  return `${formatFixed(size, 2)} ${units[units.length - 1]}`;
}

/** One shape as format_layer_shape prints it: "(None, 10)"; rank 1 is "(None)" (no Python
 *  1-tuple comma, Keras joins the dims itself), rank 0 "()", an unknown shape "?". */
export function formatKerasShape(shape: KerasShape | null): string {
  if (shape === null) return '?';
  return `(${shape.map((dim) => (dim === null ? 'None' : String(dim))).join(', ')})`;
}

/** A layer's whole output cell: a single shape prints alone; several print as Python's str() of
 *  the structure of formatted shapes with every single quote removed ("[(None, 4), (None, 4)]"). */
export function formatKerasOutputShapes(outputs: KerasOutputStructure | null): string {
  if (outputs === null) return '?';
  const leaves = flattenShapes(outputs);
  if (leaves.length === 1) return formatKerasShape(leaves[0]);
  return pythonStr(outputs).replace(/'/g, '');
}

/** Python's "{:,}" for an integer: 1625281 -> "1,625,281". */
export function formatKerasCount(count: number): string {
  if (!Number.isInteger(count)) throw new RangeError(`not an integer parameter count: ${count}`);
  const digits = BigInt(count).toString();
  const sign = digits.startsWith('-') ? '-' : '';
  return sign + groupThousands(sign ? digits.slice(1) : digits);
}

// ---------------------------------------------------------------------------------------------
// Keras: line length, columns, cells, totals (print_summary)
// ---------------------------------------------------------------------------------------------

/** shutil.get_terminal_size() and rich.Console both fall back to 80 columns without a terminal. */
const DEFAULT_TERMINAL_COLUMNS = 80;

type Justify = 'left' | 'right';

interface ColumnSpec {
  readonly header: string;
  readonly justify: Justify;
  /** Content width Keras asks for (rich Column.width), padding excluded. */
  readonly width: number;
}

/** line_length = min(88 sequential-like / 108 otherwise, terminal columns - 4). */
function kerasLineLength(sequentialLike: boolean, terminalColumns: number): number {
  return Math.min(sequentialLike ? 88 : 108, terminalColumns - 4);
}

/** Column widths from Keras's relative `positions`, each int(pos * line_length) - previous. */
function kerasColumns(sequentialLike: boolean, lineLength: number): ColumnSpec[] {
  const positions = sequentialLike ? [0.45, 0.8, 1.0] : [0.3, 0.56, 0.74, 1.0];
  const headers = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const justify: Justify[] = ['left', 'left', 'right', 'left'];
  let current = 0;
  return positions.map((pos, i) => {
    const width = Math.trunc(pos * lineLength) - current;
    // Keras refuses to print rather than render columns narrower than 4.
    if (width < 4) throw new RangeError('Insufficient console width to print summary.');
    current += width;
    return { header: headers[i], justify: justify[i], width };
  });
}

function rowCells(row: KerasSummaryRow, sequentialLike: boolean): string[] {
  const cells = [`${row.name} (${row.className})`, row.outputShape, row.params];
  if (!sequentialLike) cells.push(row.connectedTo ?? '-');
  return cells;
}

function totalsLines(totals: KerasSummaryTotals): string[] {
  const line = (label: string, count: number, bytes: number) =>
    ` ${label} params: ${formatKerasCount(count)} (${readableMemorySize(bytes)})`;
  const lines = [
    line('Total', totals.total, totals.totalBytes),
    line('Trainable', totals.trainable, totals.trainableBytes),
    line('Non-trainable', totals.nonTrainable, totals.nonTrainableBytes),
  ];
  if (totals.optimizer) lines.push(line('Optimizer', totals.optimizer.count, totals.optimizer.bytes));
  return lines;
}

function flattenShapes(outputs: KerasOutputStructure): KerasShape[] {
  if ('shape' in outputs) return [outputs.shape];
  if ('dict' in outputs) return outputs.dict.flatMap(([, value]) => flattenShapes(value));
  return ('list' in outputs ? outputs.list : outputs.tuple).flatMap(flattenShapes);
}

/** Python str() of a structure whose leaves are the formatted shape strings. */
function pythonStr(outputs: KerasOutputStructure): string {
  if ('shape' in outputs) return pythonRepr(formatKerasShape(outputs.shape));
  if ('list' in outputs) return `[${outputs.list.map(pythonStr).join(', ')}]`;
  if ('tuple' in outputs) {
    const items = outputs.tuple.map(pythonStr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return `{${outputs.dict.map(([key, value]) => `${pythonRepr(key)}: ${pythonStr(value)}`).join(', ')}}`;
}

/** Python repr() of a printable string: single quotes unless it contains one and no double quote. */
function pythonRepr(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(',');
}

/** Python's "{:.Nf}": the exact binary value rounded half to even (JavaScript's toFixed rounds
 *  exact ties such as 1.125 up, Python prints "1.12"). */
function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const { mantissa, exponent } = decomposeDouble(Math.abs(value));
  const scale = 10n ** BigInt(digits);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = 2n * (numerator % denominator);
    if (twiceRemainder > denominator || (twiceRemainder === denominator && scaled % 2n === 1n)) scaled += 1n;
  }
  const text = scaled.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  return `${negative ? '-' : ''}${digits ? `${whole}.${text.slice(text.length - digits)}` : whole}`;
}

/** A finite non-negative double as mantissa * 2^exponent, both exact. */
function decomposeDouble(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

// ---------------------------------------------------------------------------------------------
// rich: table column widths (Table._calculate_column_widths, _ratio.ratio_reduce/ratio_distribute)
// ---------------------------------------------------------------------------------------------

/** Table(padding=(0, 1)): one space each side of every cell. */
const CELL_PADDING = 2;

/** Python's round(): half to even. The quotients here are small rationals, so float ties are exact. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** ratio_reduce: take `total` away from `values` in proportion to `ratios`, at most `maximums`. */
function ratioReduce(total: number, ratios: readonly number[], maximums: readonly number[], values: readonly number[]): number[] {
  const effective = ratios.map((ratio, i) => (maximums[i] ? ratio : 0));
  let totalRatio = effective.reduce((a, b) => a + b, 0);
  if (!totalRatio) return [...values];
  let remaining = total;
  return values.map((value, i) => {
    const ratio = effective[i];
    if (!ratio || totalRatio <= 0) return value;
    const distributed = Math.min(maximums[i], roundHalfEven((ratio * remaining) / totalRatio));
    remaining -= distributed;
    totalRatio -= ratio;
    return value - distributed;
  });
}

/** ratio_distribute (no minimums): split `total` in proportion to `ratios`, rounding up. */
function ratioDistribute(total: number, ratios: readonly number[]): number[] {
  let totalRatio = ratios.reduce((a, b) => a + b, 0);
  if (totalRatio <= 0) throw new RangeError('Sum of ratios must be > 0');
  let remaining = total;
  return ratios.map((ratio) => {
    const distributed = totalRatio > 0 ? Math.ceil((ratio * remaining) / totalRatio) : remaining;
    totalRatio -= ratio;
    remaining -= distributed;
    return distributed;
  });
}

/** _measure_column for a fixed-width column: its width plus padding, capped at the space given. */
function measureFixedColumn(width: number, maxWidth: number): number {
  if (maxWidth < 1) return 0;
  return Math.min(width + CELL_PADDING, maxWidth);
}

/**
 * Final cell widths (padding included) for a Table(width=tableWidth) of fixed-width columns.
 * Keras's widths always sum to the line length, so widths plus padding plus the n + 1 border
 * characters overflow the table by 3n + 1 cells. rich's _collapse_widths would first shrink
 * wrapable columns, but a column with an explicit width is never wrapable, so it is a no-op here
 * and rich falls through to ratio_reduce, taking the excess from every column evenly (with
 * Python's round-half-even deciding where the odd cells go).
 */
function tableCellWidths(columnWidths: readonly number[], tableWidth: number): number[] {
  const borders = 2 + (columnWidths.length - 1);
  const maxWidth = tableWidth - borders;
  let widths = columnWidths.map((width) => measureFixedColumn(width, maxWidth) || 1);
  let total = widths.reduce((a, b) => a + b, 0);
  if (total > maxWidth) {
    const reduced = ratioReduce(total - maxWidth, widths.map(() => 1), widths, widths);
    total = reduced.reduce((a, b) => a + b, 0);
    widths = reduced.map((width, i) => measureFixedColumn(columnWidths[i], width) || 0);
  }
  // A set Table.width implies expand: any shortfall is handed back in proportion to the widths.
  if (total < maxWidth) {
    const extra = ratioDistribute(maxWidth - total, widths);
    widths = widths.map((width, i) => width + extra[i]);
  }
  return widths;
}

// ---------------------------------------------------------------------------------------------
// rich: table rendering (Table._render with box.HEAVY_HEAD, show_lines=True)
// ---------------------------------------------------------------------------------------------

/** The HEAVY_HEAD box pieces rich uses for each kind of line. */
const BOX = {
  top: { left: '┏', fill: '━', cross: '┳', right: '┓' },
  headRow: { left: '┡', fill: '━', cross: '╇', right: '┩' },
  row: { left: '├', fill: '─', cross: '┼', right: '┤' },
  bottom: { left: '└', fill: '─', cross: '┴', right: '┘' },
  headVertical: '┃',
  bodyVertical: '│',
} as const;

function ruleLine(piece: { left: string; fill: string; cross: string; right: string }, widths: readonly number[]): string {
  return piece.left + widths.map((width) => piece.fill.repeat(width)).join(piece.cross) + piece.right;
}

/** Lines of one padded cell, each exactly `width` cells: " " + content + " " (rich Padding). */
function renderCell(text: string, width: number, justify: Justify): string[] {
  const inner = width - CELL_PADDING;
  // Column(overflow=...) defaults to "ellipsis": words too long for a line are cut with "…".
  return wrapText(text, inner, justify, 'ellipsis').map((line) => ` ${setCellSize(line, inner)} `);
}

/** All cells of a row, padded with blank lines to the row's height: body cells keep their text at
 *  the top (Column.vertical "top"), header cells at the bottom (rich aligns headers to the bottom). */
function renderRow(cells: readonly string[], specs: readonly ColumnSpec[], widths: readonly number[], vertical: 'top' | 'bottom', divider: string): string[] {
  const rendered = cells.map((cell, i) => renderCell(cell, widths[i], specs[i].justify));
  const height = Math.max(1, ...rendered.map((lines) => lines.length));
  const aligned = rendered.map((lines, i) => {
    const blank = Array<string>(height - lines.length).fill(' '.repeat(widths[i]));
    return vertical === 'top' ? [...lines, ...blank] : [...blank, ...lines];
  });
  const out: string[] = [];
  for (let line = 0; line < height; line++) out.push(divider + aligned.map((cell) => cell[line]).join(divider) + divider);
  return out;
}

function renderTable(specs: readonly ColumnSpec[], rows: readonly (readonly string[])[], tableWidth: number): string[] {
  const widths = tableCellWidths(specs.map((spec) => spec.width), tableWidth);
  const lines = [ruleLine(BOX.top, widths)];
  lines.push(...renderRow(specs.map((spec) => spec.header), specs, widths, 'bottom', BOX.headVertical));
  lines.push(ruleLine(BOX.headRow, widths));
  rows.forEach((cells, index) => {
    // show_lines=True: a rule between consecutive body rows, none after the last.
    if (index > 0) lines.push(ruleLine(BOX.row, widths));
    lines.push(...renderRow(cells, specs, widths, 'top', BOX.bodyVertical));
  });
  lines.push(ruleLine(BOX.bottom, widths));
  return lines;
}

/** Console.print of a plain string: wrapped at the console width, long words folded, lines
 *  neither justified nor padded (justify "default"), so a line broken at a space keeps it. */
function printText(text: string, consoleWidth: number): string[] {
  return wrapText(text, consoleWidth, 'default', 'fold').map((line) => cropToWidth(line, consoleWidth));
}

/** Segment.split_and_crop_lines(pad=False): cut a line longer than the console, keep shorter ones. */
function cropToWidth(line: string, width: number): string {
  return cellLength(line) > width ? setCellSize(line, width) : line;
}

// ---------------------------------------------------------------------------------------------
// rich: word wrapping (Text.wrap, _wrap.divide_line, Lines.justify, Text.truncate/rstrip_end)
// ---------------------------------------------------------------------------------------------

type WrapJustify = Justify | 'default';
type Overflow = 'fold' | 'ellipsis';

/** Console.tab_size. */
const TAB_SIZE = 8;

function wrapText(text: string, width: number, justify: WrapJustify, overflow: Overflow): string[] {
  // Text.split("\n", allow_blank=True) is Python's str.split: a trailing newline adds a blank line.
  return text.split('\n').flatMap((rawLine) => {
    const line = rawLine.includes('\t') ? expandTabs(rawLine, TAB_SIZE) : rawLine;
    const pieces = divideAt(line, divideLine(line, width, overflow === 'fold')).map((piece) => rstripEnd(piece, width));
    return justifyLines(pieces, width, justify, overflow).map((piece) => truncate(piece, width, overflow, false));
  });
}

/** Python's whitespace (str.isspace, and `\s` in str patterns), which is not JavaScript's `\s`:
 *  it includes U+001C..U+001F and U+0085 and excludes U+FEFF. */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** rich's "word" (_wrap.re_word): optional leading whitespace, non-whitespace, trailing whitespace. */
const WORD = new RegExp(`[${PY_SPACE}]*[^${PY_SPACE}]+[${PY_SPACE}]*`, 'y');
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);

/** Python's str.rstrip(). */
function pyRstrip(text: string): string {
  return text.replace(TRAILING_SPACE, '');
}

/** divide_line: UTF-16 offsets where the line must break so each part fits `width` cells. */
function divideLine(text: string, width: number, fold: boolean): number[] {
  const breaks: number[] = [];
  let cellOffset = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    let start = match.index;
    const word = match[0];
    const wordLength = cellLength(pyRstrip(word));
    if (width - cellOffset >= wordLength) {
      cellOffset += cellLength(word);
    } else if (wordLength > width) {
      // Too long for any line: folded into width-sized chunks, or (ellipsis/crop) left whole on
      // a line of its own for truncate() to cut.
      if (fold) {
        const chunks = chopCells(word, width);
        chunks.forEach((chunk, i) => {
          if (start) breaks.push(start);
          if (i === chunks.length - 1) cellOffset = cellLength(chunk);
          else start += chunk.length;
        });
      } else {
        if (start) breaks.push(start);
        cellOffset = cellLength(word);
      }
    } else if (cellOffset && start) {
      breaks.push(start);
      cellOffset = cellLength(word);
    }
  }
  return breaks;
}

function divideAt(text: string, offsets: readonly number[]): string[] {
  const bounds = [0, ...offsets, text.length];
  return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
}

/** Text.rstrip_end: drop trailing whitespace, but only what lies beyond `size` characters
 *  (rich counts code points here, not cells). */
function rstripEnd(text: string, size: number): string {
  const chars = Array.from(text);
  if (chars.length <= size) return text;
  const whitespace = TRAILING_SPACE.exec(text);
  if (!whitespace) return text;
  const crop = Math.min(Array.from(whitespace[0]).length, chars.length - size);
  return chars.slice(0, chars.length - crop).join('');
}

/** Lines.justify: "left" pads to the width, "right" strips trailing space and pads on the left. */
function justifyLines(lines: readonly string[], width: number, justify: WrapJustify, overflow: Overflow): string[] {
  if (justify === 'left') return lines.map((line) => truncate(line, width, overflow, true));
  if (justify === 'right') {
    return lines.map((line) => {
      const cropped = truncate(pyRstrip(line), width, overflow, false);
      return ' '.repeat(Math.max(0, width - cellLength(cropped))) + cropped;
    });
  }
  return [...lines];
}

/** Text.truncate: cut to `maxWidth` cells ("…" replacing the last cell for ellipsis), and with
 *  `pad` fill a shorter line with spaces. */
function truncate(text: string, maxWidth: number, overflow: Overflow, pad: boolean): string {
  const length = cellLength(text);
  if (length > maxWidth) {
    return overflow === 'ellipsis' ? `${setCellSize(text, maxWidth - 1)}…` : setCellSize(text, maxWidth);
  }
  return pad && length < maxWidth ? text + ' '.repeat(maxWidth - length) : text;
}

/** Text.expand_tabs: each tab becomes spaces up to the next multiple of `tabSize` cells. */
function expandTabs(line: string, tabSize: number): string {
  const parts = line.split('\t');
  let position = 0;
  return parts
    .map((part, i) => {
      if (i === parts.length - 1) return part;
      const withSpace = `${part} `;
      position += cellLength(withSpace);
      const remainder = position % tabSize;
      const fill = remainder ? tabSize - remainder : 0;
      position += fill;
      return withSpace + ' '.repeat(fill);
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// rich: cell widths (cells.py: get_character_cell_size, split_graphemes, set_cell_size, chop_cells)
// ---------------------------------------------------------------------------------------------

interface Grapheme {
  readonly start: number; // UTF-16 offsets
  readonly end: number;
  readonly width: number;
}

const ZERO_WIDTH_JOINER = 0x200d;
const EMOJI_SELECTOR = 0xfe0f;

type CodeRange = readonly [number, number];

/**
 * rich 15 measures characters with its Unicode 17 width table. Rather than copy that table, the
 * widths are derived from the Unicode data the JavaScript engine carries (general categories,
 * Emoji_Presentation; Node 20.20+ ships Unicode 17, matching rich's table on every code point)
 * plus the East Asian Wide/Fullwidth blocks and the handful of exceptions rich's table makes:
 *   0 cells: combining marks (Mn, Mc, Me), format characters (Cf), line/paragraph separators,
 *            Hangul medial/final jamo, fillers, variation selectors, emoji skin-tone modifiers;
 *   2 cells: East Asian Wide/Fullwidth characters and emoji with emoji presentation.
 * An older engine's Unicode data can make newly assigned characters measure 1 instead.
 */
const ZERO_WIDTH_CHARACTER = /^[\p{M}\p{Cf}\p{Zl}\p{Zp}]$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const EMOJI = /^\p{Emoji}$/u;
/** Zero width whatever their category (fillers, variation selectors, skin tones, tags). */
const ZERO_WIDTH_RANGES: readonly CodeRange[] = [
  [0x1160, 0x11ff], [0x2060, 0x206f], [0x3164, 0x3164], [0xd7b0, 0xd7ff], [0xfe00, 0xfe0f],
  [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1f3fb, 0x1f3ff], [0xe0000, 0xe0fff],
];
/** Format characters that are visible (soft hyphen, prepended concatenation marks): 1 cell. */
const VISIBLE_FORMAT_RANGES: readonly CodeRange[] = [
  [0x00ad, 0x00ad], [0x0600, 0x0605], [0x06dd, 0x06dd], [0x070f, 0x070f], [0x0890, 0x0891],
  [0x08e2, 0x08e2], [0x110bd, 0x110bd], [0x110cd, 0x110cd],
];
/** Wide even where unassigned: CJK compatibility ideographs and the ideographic planes. */
const RESERVED_WIDE_RANGES: readonly CodeRange[] = [[0xf900, 0xfaff], [0x20000, 0x2fffd], [0x30000, 0x3fffd]];
/** Regional indicators have emoji presentation but rich measures each one cell. */
const REGIONAL_INDICATORS: CodeRange = [0x1f1e6, 0x1f1ff];
/** East Asian Wide/Fullwidth blocks (assigned characters only). */
const WIDE_RANGES: readonly CodeRange[] = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2630, 0x2637], [0x268a, 0x268f], [0x2e80, 0x303e],
  [0x3041, 0x3247], [0x3250, 0x33ff], [0x3400, 0x4dff], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff01, 0xff60],
  [0xffe0, 0xffe6], [0x16fe0, 0x16fff], [0x17000, 0x18dff], [0x1aff0, 0x1b2ff], [0x1d300, 0x1d376],
  [0x1f200, 0x1f2ff],
];

function inRanges(codePoint: number, ranges: readonly CodeRange[]): boolean {
  return ranges.some(([start, end]) => codePoint >= start && codePoint <= end);
}

/** get_character_cell_size: 0, 1 or 2 cells for one code point. */
function characterWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  // rich's own fast path: Latin, Latin-1 and Latin Extended are single cells.
  if (codePoint < 0x300) return 1;
  if (inRanges(codePoint, ZERO_WIDTH_RANGES)) return 0;
  const character = String.fromCodePoint(codePoint);
  if (ZERO_WIDTH_CHARACTER.test(character) && !inRanges(codePoint, VISIBLE_FORMAT_RANGES)) return 0;
  if (inRanges(codePoint, RESERVED_WIDE_RANGES)) return 2;
  if (inRanges(codePoint, [REGIONAL_INDICATORS]) || UNASSIGNED.test(character)) return 1;
  return EMOJI_PRESENTATION.test(character) || inRanges(codePoint, WIDE_RANGES) ? 2 : 1;
}

/** rich's narrow_to_wide set: emoji that default to text presentation, which U+FE0F widens. */
function widensWithSelector(codePoint: number): boolean {
  const character = String.fromCodePoint(codePoint);
  return characterWidth(codePoint) === 1 && EMOJI.test(character) && !EMOJI_PRESENTATION.test(character);
}

function codePointSize(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

/** rich.cells.cell_len: the terminal cells a string occupies. A zero width joiner hides the
 *  character after it; U+FE0F widens a preceding text-presentation emoji to two cells. */
export function cellLength(text: string): number {
  let total = 0;
  let lastMeasured: number | null = null;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) ?? 0;
    index += codePointSize(codePoint);
    if (codePoint === ZERO_WIDTH_JOINER) {
      if (index < text.length) index += codePointSize(text.codePointAt(index) ?? 0);
    } else if (codePoint === EMOJI_SELECTOR) {
      if (lastMeasured !== null && widensWithSelector(lastMeasured)) total += 1;
      lastMeasured = null;
    } else {
      const width = characterWidth(codePoint);
      if (width) {
        lastMeasured = codePoint;
        total += width;
      }
    }
  }
  return total;
}

/** split_graphemes: zero-width characters join the previous grapheme, a zero width joiner also
 *  swallows the character after it, U+FE0F joins (and may widen) the previous grapheme. */
function graphemes(text: string): Grapheme[] {
  const spans: { start: number; end: number; width: number }[] = [];
  let lastMeasured: number | null = null;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) ?? 0;
    const size = codePointSize(codePoint);
    const previous = spans.length ? spans[spans.length - 1] : undefined;
    if (previous && codePoint === ZERO_WIDTH_JOINER) {
      index += size;
      if (index < text.length) index += codePointSize(text.codePointAt(index) ?? 0);
      previous.end = index;
    } else if (previous && codePoint === EMOJI_SELECTOR) {
      index += size;
      if (lastMeasured !== null && widensWithSelector(lastMeasured)) {
        previous.width += 1;
        lastMeasured = null;
      }
      previous.end = index;
    } else {
      const width = characterWidth(codePoint);
      if (width) lastMeasured = codePoint;
      if (width || !previous) spans.push({ start: index, end: index + size, width });
      else previous.end = index + size;
      index += size;
    }
  }
  return spans;
}

/** set_cell_size: pad with spaces or crop to exactly `total` cells; a wide character cut in half
 *  becomes a space. */
function setCellSize(text: string, total: number): string {
  if (total <= 0) return '';
  const length = cellLength(text);
  if (length === total) return text;
  if (length < total) return text + ' '.repeat(total - length);
  let used = 0;
  for (const g of graphemes(text)) {
    if (used === total) return text.slice(0, g.start);
    if (used + g.width > total) return `${text.slice(0, g.start)} `;
    used += g.width;
  }
  return text;
}

/** chop_cells: split into consecutive pieces of at most `width` cells. */
function chopCells(text: string, width: number): string[] {
  const pieces: string[] = [];
  let lineStart = 0;
  let lineSize = 0;
  for (const g of graphemes(text)) {
    if (lineSize + g.width > width) {
      pieces.push(text.slice(lineStart, g.start));
      lineStart = g.start;
      lineSize = 0;
    }
    lineSize += g.width;
  }
  if (lineSize) pieces.push(text.slice(lineStart));
  return pieces;
}
