// The fixture corpus: test/fixtures/valid (TF.js builds every model) and
// test/fixtures/invalid (TF.js throws while building), plus the bundled examples.
import * as fs from 'fs';
import * as path from 'path';

export const FIXTURE_ROOT = path.resolve(__dirname, '../../fixtures');
const SOURCE_EXTENSIONS = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

export interface Fixture {
  /** Path relative to the repository root, as the CLI would be given it. */
  readonly label: string;
  readonly absolutePath: string;
  readonly text: string;
}

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');

/** `examples` lists the bundled examples (examples/*.ts), which must build in TF.js too. */
export function listFixtures(kind: 'valid' | 'invalid' | 'examples'): Fixture[] {
  const dir = kind === 'examples' ? EXAMPLES_DIR : path.join(FIXTURE_ROOT, kind);
  const prefix = kind === 'examples' ? 'examples' : `test/fixtures/${kind}`;
  return fs
    .readdirSync(dir)
    .filter((name) => SOURCE_EXTENSIONS.test(name))
    .sort()
    .map((name) => {
      const absolutePath = path.join(dir, name);
      return {
        label: `${prefix}/${name}`,
        absolutePath,
        text: fs.readFileSync(absolutePath, 'utf8'),
      };
    });
}
