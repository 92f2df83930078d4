// The diagram draws a shared layer once, fed by every application's inputs (a siamese tower:
// both inputs into the one encoder), with one edge per producer–consumer pair.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { layerEdges } from '../../../webview/panel/layerEdges';

describe('diagram edges', () => {
  it('a shared layer is one node with an edge from each application, and each pair is drawn once', () => {
    const file = path.join(__dirname, '../../fixtures/valid/sharedLayer.ts');
    const report = toFileReport(analyzeText(fs.readFileSync(file, 'utf8'), file), file);
    const model = report.models[0];
    const name = (i: number): string => model.layers[i].name;
    assert.deepStrictEqual(model.layers.map((l) => l.name), ['input', 'input_1', 'dense', 'concatenate', 'dense_1']);
    assert.deepStrictEqual(
      layerEdges(model).map((e) => `${name(e.from)}→${name(e.to)}`),
      ['input→dense', 'input_1→dense', 'dense→concatenate', 'concatenate→dense_1'],
    );
  });
});
