// `npm run bench` (first part): our whole analysis vs. a bare typescript-estree parse of the same
// text, in the same process; and VGG16 analysed vs. built by real TF.js. Ratios, not absolutes:
// the machine varies, the ratio much less.
import { parse } from '@typescript-eslint/typescript-estree';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { analyzeText } from '../src/core/analyze';
import { clearInferenceCache } from '../src/core/infer';
import { generateModelFile } from './generateModels';
import { parser as pythonParser } from '@lezer/python';
import { generatePythonModelFile } from './generatePythonModels';
import { parsePython } from '../src/core/lang/python/parse';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Interleaves baseline and candidate runs so drift (GC, CPU boost) hits both alike. "cold"
 * clears the catalog-result cache before each analysis, as a CLI run analysing a file once
 * sees it; "warm" keeps it, as an editor re-analysing after an edit does.
 */
function compare(label: string, text: string, runs: number): number {
  const bare: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    parse(text, { range: true });
    analyzeText(text, 'bench.ts');
  }
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    parse(text, { range: true });
    bare.push(performance.now() - t);
    clearInferenceCache();
    t = performance.now();
    analyzeText(text, 'bench.ts');
    cold.push(performance.now() - t);
    t = performance.now();
    analyzeText(text, 'bench.ts');
    warm.push(performance.now() - t);
  }
  const ratio = median(cold) / median(bare);
  console.log(
    `${label.padEnd(34)} parse ${median(bare).toFixed(2).padStart(7)} ms   analysis cold ${median(cold).toFixed(2).padStart(7)} ms (${ratio.toFixed(2)}x)   warm ${median(warm).toFixed(2).padStart(7)} ms (${(median(warm) / median(bare)).toFixed(2)}x)`,
  );
  return ratio;
}

/**
 * The Python front end, against two baselines interleaved in the same process: a bare
 * @lezer/python parse (the parser we build on: a concrete tree only), and parsePython (lezer
 * plus statement recovery and conversion to our AST: what typescript-estree is to the TS side,
 * a parser and its conversion to a syntax tree). Returns analysis cold / each baseline.
 */
function comparePython(text: string, runs: number): { vsParse: number; vsLezer: number } {
  const lezer: number[] = [];
  const ast: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    pythonParser.parse(text);
    parsePython(text);
    analyzeText(text, 'bench.py');
  }
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    pythonParser.parse(text);
    lezer.push(performance.now() - t);
    t = performance.now();
    parsePython(text);
    ast.push(performance.now() - t);
    clearInferenceCache();
    t = performance.now();
    analyzeText(text, 'bench.py');
    cold.push(performance.now() - t);
    t = performance.now();
    analyzeText(text, 'bench.py');
    warm.push(performance.now() - t);
  }
  const vsParse = median(cold) / median(ast);
  const vsLezer = median(cold) / median(lezer);
  const ms = (xs: number[]) => median(xs).toFixed(2).padStart(7);
  console.log(
    `${'Python: 2,000-line file, 50 models'.padEnd(34)} lezer ${ms(lezer)} ms   parse to AST ${ms(ast)} ms   analysis cold ${ms(cold)} ms (${vsLezer.toFixed(2)}x lezer, ${vsParse.toFixed(2)}x AST)   warm ${ms(warm)} ms (${(median(warm) / median(lezer)).toFixed(2)}x lezer)`,
  );
  return { vsParse, vsLezer };
}

function fixtureTexts(): string[] {
  const dir = path.join(__dirname, '..', 'test', 'fixtures');
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(e.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

async function vgg16Comparison(): Promise<void> {
  const vggPath = path.join(__dirname, '..', 'test', 'fixtures', 'valid', 'vgg16.ts');
  const source = fs.existsSync(vggPath) ? fs.readFileSync(vggPath, 'utf8') : null;
  if (!source) {
    console.log('VGG16: test/fixtures/valid/vgg16.ts missing, comparison not run');
    return;
  }
  const runs: number[] = [];
  let ourParams: number | null = null;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const a = analyzeText(source, 'vgg16.ts');
    runs.push(performance.now() - t);
    ourParams = a.models[0]?.totalParams ?? null;
  }
  // TF.js with its default initializers: allocates and initialises every weight.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const heapBefore = process.memoryUsage().rss;
  const t = performance.now();
  const model = buildVgg16(tf);
  const tfMs = performance.now() - t;
  const rssMb = (process.memoryUsage().rss - heapBefore) / 1e6;
  const tfParams = model.countParams();
  model.dispose();
  const ours = median(runs);
  console.log(
    `VGG16: ours ${ours.toFixed(2)} ms (${ourParams} params), TF.js build ${tfMs.toFixed(0)} ms (${tfParams} params, +${rssMb.toFixed(0)} MB RSS): ${(tfMs / ours).toFixed(0)}x faster`,
  );
}

function buildVgg16(tf: typeof import('@tensorflow/tfjs')) {
  const m = tf.sequential();
  const blocks: [number, number][] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  let first = true;
  for (const [filters, convs] of blocks) {
    for (let i = 0; i < convs; i++) {
      m.add(tf.layers.conv2d({ ...(first ? { inputShape: [224, 224, 3] } : {}), filters, kernelSize: 3, padding: 'same', activation: 'relu' }));
      first = false;
    }
    m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  }
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 4096, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 4096, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 1000, activation: 'softmax' }));
  return m;
}

async function main(): Promise<void> {
  const generated = generateModelFile(50);
  console.log(`generated file: ${generated.split('\n').length} lines, 50 models`);
  const ratio = compare('2,000-line file, 50 models', generated, 30);
  const fixtures = fixtureTexts();
  if (fixtures.length > 0) compare(`fixtures (${fixtures.length} files, joined)`, fixtures.join('\n'), 30);
  await vgg16Comparison();
  const python = generatePythonModelFile(50);
  console.log(`generated Python file: ${python.split('\n').length} lines, 50 models`);
  const pythonRatio = comparePython(python, 30);
  console.log(`analysis/parse: ${ratio.toFixed(2)}x`);
  // The contract: against a bare parse by the same parser (@lezer/python). Also against
  // our parse to an AST, the step typescript-estree's parse stands for on the TS side.
  console.log(`python analysis/parse: ${pythonRatio.vsLezer.toFixed(2)}x`);
  console.log(`python analysis/ast: ${pythonRatio.vsParse.toFixed(2)}x`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
