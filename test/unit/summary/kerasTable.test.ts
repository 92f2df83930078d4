// The Keras summary renderer against real Keras 3 output. The fixture holds, for each model built
// by fixtures/make_summaries.py, the exact text `model.summary()` wrote to a piped stdout and the
// row data it was built from; regenerate it with
//   .cache/keras-venv/bin/python test/unit/summary/fixtures/make_summaries.py
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cellLength,
  formatKerasCount,
  formatKerasOutputShapes,
  formatKerasShape,
  type KerasOutputStructure,
  type KerasSummaryRow,
  type KerasSummaryTotals,
  readableMemorySize,
  renderKerasSummary,
} from '../../../src/core/summary/kerasTable';

interface FixtureRow extends KerasSummaryRow {
  readonly rawOutput: KerasOutputStructure | null;
}

interface FixtureSummary {
  readonly case: string;
  readonly columns: number | null;
  readonly summaryArgs: { readonly line_length?: number };
  readonly modelName: string;
  readonly sequentialLike: boolean;
  readonly rows: readonly FixtureRow[];
  readonly totals: KerasSummaryTotals;
  readonly stdout: string;
}

interface Fixture {
  readonly versions: { readonly keras: string; readonly rich: string };
  readonly readableMemorySize: readonly { readonly bytes: number; readonly text: string }[];
  readonly cellLength: readonly { readonly text: string; readonly cells: number }[];
  /** rich's width of every code point from U+0000 to U+10FFFF, as [first code point, width] runs. */
  readonly characterWidthRuns: readonly (readonly [number, number])[];
  readonly summaries: readonly FixtureSummary[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'keras-summaries.json'), 'utf8')) as Fixture;

function render(summary: FixtureSummary): string {
  return renderKerasSummary({
    modelName: summary.modelName,
    sequentialLike: summary.sequentialLike,
    rows: summary.rows,
    totals: summary.totals,
    terminalColumns: summary.columns ?? undefined,
    lineLength: summary.summaryArgs.line_length,
  });
}

function caseTitle(summary: FixtureSummary): string {
  const terminal = summary.columns === null ? 'no terminal' : `COLUMNS=${summary.columns}`;
  const lineLength = summary.summaryArgs.line_length === undefined ? '' : `, line_length=${summary.summaryArgs.line_length}`;
  return `${summary.case} (${terminal}${lineLength})`;
}

describe('Keras summary table (renderKerasSummary)', () => {
  it('was recorded from the Keras and rich versions it reproduces', () => {
    assert.equal(fixture.versions.keras, '3.15.1');
    assert.equal(fixture.versions.rich, '15.0.0');
    assert.ok(fixture.summaries.length >= 25);
  });

  for (const summary of fixture.summaries) {
    it(`prints exactly what Keras printed for ${caseTitle(summary)}`, () => {
      assert.equal(render(summary), summary.stdout);
    });
  }

  it('defaults to the 80 columns of a stdout that is not a terminal', () => {
    const piped = fixture.summaries.find((s) => s.case === 'classic_cnn');
    assert.ok(piped);
    assert.equal(piped.columns, null);
    assert.equal(render({ ...piped, columns: 80 }), piped.stdout);
  });

  it('refuses, like Keras, a terminal too narrow for 4-cell columns', () => {
    const summary = fixture.summaries[0];
    assert.throws(() => render({ ...summary, columns: 12 }), /Insufficient console width to print summary\./);
  });
});

describe('Keras shape formatting', () => {
  const rows = fixture.summaries.flatMap((s) => s.rows.map((row) => ({ summary: s.case, row })));

  it('formats every recorded output structure as Keras did', () => {
    const mismatches = rows
      .map(({ summary, row }) => ({ summary, name: row.name, expected: row.outputShape, actual: formatKerasOutputShapes(row.rawOutput) }))
      .filter((r) => r.actual !== r.expected);
    assert.deepEqual(mismatches, []);
  });

  it('covers multi-output, rank-1, rank-0 and unknown shapes', () => {
    const printed = new Set(rows.map(({ row }) => row.outputShape));
    for (const shape of ['?', '(None)', '(None, 3, 1, 1)', '[(None, 12, 16), (None, 16), (None, 16)]']) {
      assert.ok(printed.has(shape), `fixture lacks ${shape}`);
    }
  });

  it('prints single shapes the way format_layer_shape joins them', () => {
    assert.equal(formatKerasShape([null, 62, 62, 32]), '(None, 62, 62, 32)');
    assert.equal(formatKerasShape([null]), '(None)');
    assert.equal(formatKerasShape([]), '()');
    assert.equal(formatKerasShape(null), '?');
  });

  it('prints containers of several shapes as str() of the structure without quotes', () => {
    const a = { shape: [null, 5] };
    const b = { shape: [null, 3] };
    assert.equal(formatKerasOutputShapes({ list: [a, b] }), '[(None, 5), (None, 3)]');
    assert.equal(formatKerasOutputShapes({ tuple: [a, b] }), '((None, 5), (None, 3))');
    assert.equal(formatKerasOutputShapes({ dict: [['mean', a], ['log_var', b]] }), '{mean: (None, 5), log_var: (None, 3)}');
    assert.equal(formatKerasOutputShapes({ tuple: [{ list: [a, b] }] }), '([(None, 5), (None, 3)],)');
    assert.equal(formatKerasOutputShapes({ list: [a] }), '(None, 5)');
    assert.equal(formatKerasOutputShapes(null), '?');
  });
});

describe('Keras readable_memory_size and counts', () => {
  for (const sample of fixture.readableMemorySize) {
    it(`${sample.bytes} bytes -> ${sample.text}`, () => {
      assert.equal(readableMemorySize(sample.bytes), sample.text);
    });
  }

  it('rounds exact ties half to even like Python, not up like toFixed', () => {
    assert.equal(readableMemorySize(1152), '1.12 KB');
    assert.equal(readableMemorySize(1.375 * 1024), '1.38 KB');
  });

  it('groups thousands like Python "{:,}"', () => {
    assert.equal(formatKerasCount(0), '0');
    assert.equal(formatKerasCount(999), '999');
    assert.equal(formatKerasCount(1000), '1,000');
    assert.equal(formatKerasCount(138357544), '138,357,544');
    assert.equal(formatKerasCount(-1234567), '-1,234,567');
    assert.throws(() => formatKerasCount(1.5), RangeError);
  });
});

describe('rich cell widths (cellLength)', () => {
  it('counts ASCII one cell per character', () => {
    assert.equal(cellLength('dense_1 (Dense)'), 15);
  });

  for (const sample of fixture.cellLength) {
    const escaped = Array.from(sample.text, (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(' ');
    it(`measures ${escaped} as ${sample.cells} cells like rich.cells.cell_len`, () => {
      assert.equal(cellLength(sample.text), sample.cells);
    });
  }

  it('gives every code point the width rich gives it', function () {
    // The widths come from the engine's Unicode data; rich 15 uses Unicode 17.
    const [major] = (process.versions.unicode ?? '0').split('.').map(Number);
    if (major < 17) this.skip();
    const runs = fixture.characterWidthRuns;
    const mismatches: string[] = [];
    runs.forEach(([first, width], i) => {
      const end = i + 1 < runs.length ? runs[i + 1][0] : 0x110000;
      for (let codePoint = first; codePoint < end; codePoint++) {
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue; // lone surrogates: not text
        const measured = cellLength(String.fromCodePoint(codePoint));
        if (measured !== width && mismatches.length < 20) mismatches.push(`U+${codePoint.toString(16)}: ${measured} != ${width}`);
      }
    });
    assert.deepEqual(mismatches, []);
  });
});
