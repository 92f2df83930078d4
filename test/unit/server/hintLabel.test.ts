// Inlay hint labels as parts (src/server/hintLabel.ts, origins.ts): the parts spell exactly
// the plain label, and only a dimension that is an imported constant's value itself links to
// that constant. The models are analysed for real, over an in-memory workspace.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { formatShapeHint } from '../../../src/core/format';
import type { AnalyzedNode, MaybeShape } from '../../../src/core/types';
import type { WorkspaceFiles } from '../../../src/core/workspace/files';
import { Workspace } from '../../../src/core/workspace/workspace';
import { shapeHintLabel, shapePieces } from '../../../src/server/hintLabel';
import { dimensionOrigins } from '../../../src/server/origins';

class MemoryFiles implements WorkspaceFiles {
  constructor(private readonly files: Readonly<Record<string, string>>) {}
  read(path: string): string | null {
    return this.files[path] ?? null;
  }
}

function layersOf(files: Record<string, string>, entry: string): AnalyzedNode[] {
  const workspace = new Workspace(new MemoryFiles(files));
  const analysis = analyzeText(files[entry], entry, { project: { workspace, root: '/p', path: entry } });
  return analysis.models.flatMap((m) => m.nodes.filter((n) => n.node.op.kind === 'layer'));
}

/** Which output dims link, and to which constant: `{1: 'UNITS'}`. */
const linked = (node: AnalyzedNode): Record<number, string> => Object.fromEntries([...dimensionOrigins(node)].map(([d, o]) => [d, o.name]));

describe('server: shape hint label parts', () => {
  it('the pieces spell formatShapeHint exactly, in every style and language', () => {
    const shapes: MaybeShape[] = [null, [null], [7], [null, 10], [null, 26, 26, 4], [3, null, 5], [null, 1]];
    for (const shape of shapes) {
      for (const style of ['compact', 'tuple'] as const) {
        for (const language of ['typescript', 'python'] as const) {
          const joined = shapePieces(shape, style, language).map((p) => p.text).join('');
          assert.equal(joined, formatShapeHint(shape, style, language), `${JSON.stringify(shape)} ${style} ${language}`);
        }
      }
    }
  });

  it('TS/JS: units and filters from another file link to it; sizes computed from constants do not', () => {
    const nodes = layersOf(
      {
        '/p/sizes.js': 'export const IMAGE = 28;\nexport const UNITS = 10;\nexport const FILTERS = 4;\n',
        '/p/model.js': [
          "import * as tf from '@tensorflow/tfjs';",
          "import { IMAGE, UNITS, FILTERS } from './sizes';",
          'const m = tf.sequential();',
          'm.add(tf.layers.conv2d({ inputShape: [IMAGE, IMAGE, 1], filters: FILTERS, kernelSize: 3 }));',
          'm.add(tf.layers.conv2d({ filters: FILTERS, kernelSize: 3, dataFormat: "channelsFirst" }));',
          'm.add(tf.layers.flatten());',
          'm.add(tf.layers.dense({ units: UNITS }));',
          'm.add(tf.layers.dense({ units: 5 }));',
        ].join('\n'),
      },
      '/p/model.js',
    );
    assert.deepEqual(nodes.map(linked), [{ 3: 'FILTERS' }, { 1: 'FILTERS' }, {}, { 1: 'UNITS' }, {}]);
    const label = shapeHintLabel(nodes[3].outputShape, 'tuple', 'typescript', dimensionOrigins(nodes[3]), '/p/model.js');
    assert.ok(Array.isArray(label));
    assert.deepEqual(label.map((p) => [p.value, p.location?.range.start.line ?? null]), [['→ [null,', null], ['10', 1], [']', null]]);
    assert.equal(shapeHintLabel(nodes[4].outputShape, 'compact', 'typescript', dimensionOrigins(nodes[4]), '/p/model.js'), '→ 5');
  });

  it('Python: Dense(NUM_CLASSES) from config.py links the last dimension', () => {
    const nodes = layersOf(
      {
        '/p/config.py': 'NUM_CLASSES = 10\n',
        '/p/model.py': 'import keras\nfrom keras import layers\nfrom config import NUM_CLASSES\nmodel = keras.Sequential([keras.Input(shape=(16,)), layers.Dense(NUM_CLASSES), layers.Dense(3)])\n',
      },
      '/p/model.py',
    );
    assert.deepEqual(nodes.map(linked), [{ 1: 'NUM_CLASSES' }, {}]);
  });
});
