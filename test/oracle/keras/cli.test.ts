// The CLI on Keras models as a user meets it: `shapelens examples/classic_cnn.py` and the same
// model as a notebook over three code cells print exactly the summary Keras prints for that
// model (run in real Keras, same terminal width), and `--json` places models, layers and
// findings on the right cells and lines.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { FileReport } from '../../../src/core/report';
import { kerasOracle } from './support/kerasOracle';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const SCRIPT = path.join(EXAMPLES, 'classic_cnn.py');
const NOTEBOOK = path.join(EXAMPLES, 'classic_cnn.ipynb');

function run(args: string[], columns = 80): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false, columns });
  return { code, out, err };
}

/** The code cells of a notebook, as the CLI numbers them (code cells only, from 1). */
function codeCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

describe('shapelens CLI on Keras scripts and notebooks', function () {
  this.timeout(120_000);

  for (const [label, file] of [
    ['script', SCRIPT],
    ['notebook', NOTEBOOK],
  ] as const) {
    for (const columns of [80, 120]) {
      it(`prints Keras's own model.summary() for the classic CNN (${label}, ${columns} columns)`, async () => {
        const keras = file.endsWith('.ipynb') ? await kerasOracle().notebookModels({ path: file }, { summary: { columns } }) : await kerasOracle().modelsOfFile(file, { summary: { columns } });
        const summary = keras.models[0]?.summary;
        assert.ok(summary, 'Keras printed a summary');
        const r = run([file], columns);
        assert.equal(r.code, 0, r.out + r.err);
        assert.ok(r.out.includes(summary.trimEnd()), `our output holds Keras's summary verbatim:\n${summary}\n--- ours ---\n${r.out}`);
        assert.match(summary, /Total params: 1,625,281 \(6\.20 MB\)/);
      });
    }
  }

  it('--json on the script: Keras class names, generated names, constructor line, params', () => {
    const r = run(['--json', SCRIPT]);
    const [report] = JSON.parse(r.out) as FileReport[];
    const model = report.models[0];
    const lines = fs.readFileSync(SCRIPT, 'utf8').split('\n');
    assert.equal(model.className, 'Sequential');
    assert.equal(model.displayName, 'sequential');
    assert.match(lines[model.line - 1], /^model = Sequential\(\)/, 'the line of `Sequential(`');
    assert.equal(model.totalParams, 1_625_281);
    assert.deepEqual(
      model.layers.map((l) => [l.className, l.name]),
      [
        ['Conv2D', 'conv2d'],
        ['MaxPooling2D', 'max_pooling2d'],
        ['Conv2D', 'conv2d_1'],
        ['MaxPooling2D', 'max_pooling2d_1'],
        ['Flatten', 'flatten'],
        ['Dense', 'dense'],
        ['Dense', 'dense_1'],
      ],
    );
    assert.equal(model.layers[5].params, 1_605_760);
    assert.ok(report.models.every((m) => m.cell === undefined) && report.diagnostics.every((d) => d.cell === undefined), 'no cells in a script');
  });

  it('--json on the notebook: every model, layer and finding on its code cell, lines relative to it', () => {
    const r = run(['--json', NOTEBOOK]);
    const [report] = JSON.parse(r.out) as FileReport[];
    const cells = codeCells(NOTEBOOK);
    const at = (cell: number | undefined, line: number): string => (cell === undefined ? '' : cells[cell - 1].split('\n')[line - 1]);
    const model = report.models[0];
    assert.equal(model.cell, 2, 'the model is built in the second code cell');
    assert.match(at(model.cell, model.line), /^model = Sequential\(\)/);
    for (const layer of model.layers) {
      assert.ok(layer.cell === 2 || layer.cell === 3, `${layer.name} in cell ${layer.cell}`);
      assert.match(at(layer.cell, layer.line), /^model\.add\(/, `${layer.name}'s line in its cell`);
    }
    assert.equal(model.layers.find((l) => l.name === 'flatten')?.cell, 3);
    assert.ok(report.diagnostics.length > 0, 'the dominant Dense is reported');
    for (const d of report.diagnostics) {
      assert.ok(d.cell !== undefined, `${d.code} has a cell`);
      const text = at(d.cell, d.line);
      assert.ok(text.length >= d.column - 1, `${d.code} at cell ${d.cell} ${d.line}:${d.column} lies inside the cell's line`);
    }
    const dominant = report.diagnostics.find((d) => d.code === 'params/dominant-layer');
    assert.ok(dominant && dominant.cell === 3 && /Dense\(units=128/.test(at(dominant.cell, dominant.line)), 'the warning points at the Dense in cell 3');
  });
});
