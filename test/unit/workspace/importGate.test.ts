// When the editor follows a document's imports (src/core/workspace/importGate.ts): always when it names
// TF.js or Keras; otherwise only when a file it imports directly does (an imported builder),
// resolved as the analysis would resolve it.
import { strict as assert } from 'assert';
import { importGate } from '../../../src/core/workspace/importGate';

const FILES: Readonly<Record<string, string>> = {
  '/p/blocks.js': "import * as tf from '@tensorflow/tfjs';\nexport function patchModel(n) { return tf.sequential(); }\n",
  '/p/util.ts': 'export const clamp = (x: number) => Math.max(0, x);\n',
  '/p/lib/index.js': "export * from './blocks';\n",
  '/p/config.py': 'SIZE = 32\n',
  '/p/vision/__init__.py': 'from .blocks import conv_block\n',
  '/p/vision/blocks.py': 'from keras import layers\n',
  '/p/nets.py': 'import keras\n',
};
const read = (p: string): string | null => FILES[p] ?? null;

describe('server: which documents follow their imports', () => {
  it('TS/JS: a file naming TF.js always; one importing a TF.js file directly; not one importing utilities only', () => {
    assert.equal(importGate("import * as tf from '@tensorflow/tfjs';", '/p/a.js', '/p', false, read).follow, true);
    assert.equal(importGate("import { patchModel } from './blocks';\nconst m = patchModel(5);", '/p/a.js', '/p', false, read).follow, true);
    assert.equal(importGate("const { patchModel } = require('./blocks.js');", '/p/a.js', '/p', false, read).follow, true);
    const utility = importGate("import { clamp } from './util';\nimport x from './missing';", '/p/a.ts', '/p', false, read);
    assert.equal(utility.follow, false);
    assert.ok(utility.read.includes('/p/util.ts') && utility.read.includes('/p/missing.ts'), 'what it looked at is recorded (a change there may change the decision)');
    // Through a re-exporting index: one level only, so not followed (the documented limit).
    assert.equal(importGate("import { patchModel } from './lib';", '/p/a.js', '/p', false, read).follow, false);
  });

  it('Python: a module, a package or a relative import that names Keras; not a plain config', () => {
    assert.equal(importGate('import nets\n', '/p/train.py', '/p', true, read).follow, true);
    assert.equal(importGate('from vision.blocks import conv_block\n', '/p/train.py', '/p', true, read).follow, true);
    assert.equal(importGate('from .blocks import conv_block\n', '/p/vision/train.py', '/p', true, read).follow, true);
    assert.equal(importGate('from config import SIZE\nimport os\n', '/p/train.py', '/p', true, read).follow, false);
    // `from vision import conv_block` reads vision/__init__.py, which only re-exports.
    assert.equal(importGate('from vision import conv_block\n', '/p/train.py', '/p', true, read).follow, false);
  });
});
