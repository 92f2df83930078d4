// `npx tsx bench/symbolicCoverage.ts`: on the fixture corpora, the share of layers whose output
// shape is fully known (every dim but the batch a number) and the share known or symbolic (every
// such dim a number or an expression over symbols). The first is what ShapeLens showed before
// symbolic dimensions, the second what it shows now.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../src/core/analyze';

const CORPORA: readonly [string, string][] = [
  ['TS/JS valid fixtures', 'test/fixtures/valid'],
  ['Keras valid fixtures', 'test/fixtures/python/valid'],
  ['TS symbolic fixtures', 'test/fixtures/symbolic'],
  ['Keras symbolic fixtures', 'test/fixtures/python/symbolic'],
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.(ts|js|mjs|py|ipynb)$/.test(e.name) ? [p] : [];
  });
}

for (const [label, dir] of CORPORA) {
  let layers = 0;
  let known = 0;
  let symbolic = 0;
  for (const file of filesUnder(dir)) {
    const analysis = analyzeText(fs.readFileSync(file, 'utf8'), file);
    for (const model of analysis.models)
      for (const node of model.nodes) {
        if (node.node.op.kind !== 'layer') continue;
        layers++;
        const shape = node.outputShape;
        if (shape && shape.slice(1).every((d) => d !== null)) known++;
        const sym = node.symbolicShape ?? shape;
        if (sym && sym.slice(1).every((d) => d !== null)) symbolic++;
      }
  }
  const pct = (n: number): string => `${((100 * n) / Math.max(1, layers)).toFixed(1)}%`;
  console.log(`${label.padEnd(26)} ${String(layers).padStart(5)} layers   known ${pct(known).padStart(6)}   known or symbolic ${pct(symbolic).padStart(6)}`);
}
