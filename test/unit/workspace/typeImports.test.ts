// `import type` binds nothing at run time, so the resolver does not read (or parse and
// evaluate) the file it names: in a TS project most imports between modules are of types.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { WorkspaceFiles } from '../../../src/core/workspace/files';
import { Workspace } from '../../../src/core/workspace/workspace';

class MemoryFiles implements WorkspaceFiles {
  readonly asked: string[] = [];
  constructor(private readonly files: Record<string, string>) {}
  read(path: string): string | null {
    this.asked.push(path);
    return this.files[path] ?? null;
  }
}

const SIZES = 'export const UNITS = 16;\nexport interface Shape { rank: number }\n';

function analyse(model: string): { files: MemoryFiles; params: (number | null)[] } {
  const files = new MemoryFiles({ '/p/sizes.ts': SIZES });
  const workspace = new Workspace(files);
  const analysis = analyzeText(model, '/p/model.ts', { project: { workspace, root: '/p', path: '/p/model.ts' } });
  const params = toFileReport(analysis, 'model.ts').models.flatMap((m) => m.layers.filter((l) => l.className !== 'InputLayer').map((l) => l.params));
  return { files, params };
}

describe('workspace imports: type-only imports are not followed', () => {
  const body = "const model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [4], units: 16 }));\n";

  it('`import type {...}` and `import {type A}` read no file', () => {
    for (const imp of ["import type { Shape } from './sizes';", "import { type Shape } from './sizes';"]) {
      const { files, params } = analyse(`import * as tf from '@tensorflow/tfjs';\n${imp}\n${body}`);
      assert.deepEqual(files.asked, [], `${imp} read ${files.asked.join(', ')}`);
      assert.deepEqual(params, [80]);
    }
  });

  it('a value import beside it is still followed', () => {
    const { files, params } = analyse(`import * as tf from '@tensorflow/tfjs';\nimport { UNITS, type Shape } from './sizes';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [4], units: UNITS }));\n`);
    assert.ok(files.asked.includes('/p/sizes.ts'), 'sizes.ts is read');
    assert.deepEqual(params, [80]);
  });
});
