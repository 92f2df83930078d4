// The project index (src/server/projectIndex.ts over core/workspace/): a generated workspace of
// 200 source files, 9 model files each importing 20 sizes through a folder's `export * from`
// index (every size importing one shared constant) and a label count from another file. Measured:
//  - in this process, the first analysis of every model file following its imports (each on
//    a fresh Workspace: every imported file read, parsed and evaluated), against the same
//    analysis with imports not followed;
//  - over a real connection (dist/server.js, debounce 0), opening the 9 model files →
//    their diagnostics, against the same texts opened as untitled documents (no path, so no
//    imports followed), each on a fresh server;
//  - the edit → hint update latency across files: an edit of the open shared constant until
//    every model file is republished and one's hints show the new size, and an edit of one
//    size file until its one dependent's hint does; against an edit of the model file itself
//    until its own hints do.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { analyzeText } from '../src/core/analyze';
import { Workspace } from '../src/core/workspace/workspace';
import { corePath, DiskFiles } from '../src/cli/diskFiles';
import { LspTestClient } from '../test/lsp/support/lspClient';

const GROUPS = 9;
const SIZES = 20;
const EDITS = 30;

interface Project {
  readonly dir: string;
  readonly entries: readonly string[];
  readonly files: number;
}

/** The workspace: common/{config,labels}.js, group<g>/{index,sizes<k>}.js, models/model<g>.js. */
function generate(): Project {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-bench-ws-')));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('package.json', '{}\n');
  write('common/config.js', 'export const BASE = 8;\n');
  write('common/labels.js', 'export const NUM_CLASSES = 10;\n');
  const entries: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const names: string[] = [];
    for (let k = 0; k < SIZES; k++) {
      names.push(`W${g}_${k}`);
      write(`group${g}/sizes${k}.js`, `import { BASE } from '../common/config';\n\nexport const W${g}_${k} = BASE + ${k};\n`);
    }
    write(`group${g}/index.js`, Array.from({ length: SIZES }, (_, k) => `export * from './sizes${k}';\n`).join(''));
    const layers = names.map((n, k) => `model.add(tf.layers.dense({ ${k === 0 ? 'inputShape: [32], ' : ''}units: ${n} }));\n`).join('');
    const entry = `models/model${g}.js`;
    const head = `model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));\n`;
    write(entry, `import * as tf from '@tensorflow/tfjs';\nimport { ${names.join(', ')} } from '../group${g}';\nimport { NUM_CLASSES } from '../common/labels';\nconst model = tf.sequential();\n${layers}${head}`);
    entries.push(entry);
  }
  const files = 2 + GROUPS * (SIZES + 2); // sources; package.json besides
  return { dir, entries, files };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const fmt = (ms: number): string => ms.toFixed(1);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** In this process: every entry's first analysis with a fresh index, vs. imports not followed. */
function coreFigures(p: Project): void {
  const texts = p.entries.map((e) => [path.join(p.dir, e), fs.readFileSync(path.join(p.dir, e), 'utf8')] as const);
  const followed: number[] = [];
  const alone: number[] = [];
  let indexed = 0;
  for (let round = 0; round < 7; round++) {
    let t = performance.now();
    for (const [file, text] of texts) analyzeText(text, file);
    alone.push(performance.now() - t);
    const workspace = new Workspace(new DiskFiles(false));
    t = performance.now();
    for (const [file, text] of texts) {
      const a = analyzeText(text, file, { project: { workspace, root: corePath(p.dir), path: corePath(file) } });
      if (a.models[0]?.totalParams === null) throw new Error(`${file}: imports not resolved`);
    }
    followed.push(performance.now() - t);
    indexed = workspace.size;
  }
  console.log(
    `workspace index (core, in process): ${p.files} files, ${indexed} indexed; first analysis of the ${GROUPS} model files ` +
      `${fmt(median(followed))} ms vs ${fmt(median(alone))} ms with imports not followed (${ratio(median(followed), median(alone))})`,
  );
}

const labelOf = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((x) => x.value).join(''));

async function startServer(dir: string): Promise<LspTestClient> {
  return LspTestClient.start({ debounceMs: 0 }, undefined, {
    workspaceFolders: [pathToFileURL(dir).toString()],
    workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
  });
}

/** Opens every entry (as files, or as untitled documents) and waits for all their diagnostics. */
async function openAll(client: LspTestClient, p: Project, asFiles: boolean): Promise<number> {
  const t = performance.now();
  await Promise.all(
    p.entries.map((e) => {
      const uri = asFiles ? pathToFileURL(path.join(p.dir, e)).toString() : `untitled:${e}`;
      return client.open(uri, fs.readFileSync(path.join(p.dir, e), 'utf8'), 'javascript');
    }),
  );
  return performance.now() - t;
}

/** Waits until the hint on `line` of `uri` reads `want`, from `since`: the edit → hint latency. */
async function hintReads(client: LspTestClient, uri: string, line: number, want: string, since: number): Promise<number> {
  for (let i = 0; i < 2000; i++) {
    const hints = (await client.inlayHints(uri)) ?? [];
    if (hints.some((h) => h.position.line === line && labelOf(h) === want)) return performance.now() - since;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`${uri}: the hint on line ${line} never read ${want}`);
}

async function serverFigures(p: Project): Promise<void> {
  const untitled = await startServer(p.dir);
  const aloneMs = await openAll(untitled, p, false);
  await untitled.stop();

  const client = await startServer(p.dir);
  try {
    const openMs = await openAll(client, p, true);
    console.log(`lsp open → diagnostics of the ${GROUPS} model files: ${fmt(openMs)} ms indexing the workspace vs ${fmt(aloneMs)} ms as untitled documents (${ratio(openMs, aloneMs)})`);

    const uri = (rel: string): string => pathToFileURL(path.join(p.dir, rel)).toString();
    const model0 = uri(p.entries[0]);
    const firstLine = 4; // model0's first dense: units W0_0 = BASE
    const lastLine = 4 + SIZES - 1; // its last: units W0_<SIZES-1>, edited below in its own file
    const config = uri('common/config.js');
    const sizes = uri(`group0/sizes${SIZES - 1}.js`);
    await client.open(config, fs.readFileSync(path.join(p.dir, 'common/config.js'), 'utf8'), 'javascript');
    await client.open(sizes, fs.readFileSync(path.join(p.dir, `group0/sizes${SIZES - 1}.js`), 'utf8'), 'javascript');

    const shared: number[] = [];
    const sharedAll: number[] = [];
    const one: number[] = [];
    const own: number[] = [];
    for (let e = 0; e < EDITS; e++) {
      // The shared constant: every model file depends on it.
      const base = 9 + e;
      const counts = p.entries.map((x) => client.publishCount(uri(x)));
      let t = performance.now();
      await client.replaceAll(config, `export const BASE = ${base};\n`);
      shared.push(await hintReads(client, model0, firstLine, `→ ${base}`, t));
      await Promise.all(p.entries.map((x, i) => client.publishAfter(uri(x), counts[i])));
      sharedAll.push(performance.now() - t);

      // One size file: one model file depends on it.
      const k = 100 + e;
      t = performance.now();
      await client.replaceAll(sizes, `import { BASE } from '../common/config';\n\nexport const W0_${SIZES - 1} = ${k};\n`);
      one.push(await hintReads(client, model0, lastLine, `→ ${k}`, t));

      // Baseline: the same layer's size edited in the model file itself.
      const own0 = client.text(model0);
      const written = own0.replace(`units: W0_${SIZES - 1} }`, `units: ${200 + e} }`);
      t = performance.now();
      await client.replaceAll(model0, written);
      own.push(await hintReads(client, model0, lastLine, `→ ${200 + e}`, t));
      await client.replaceAll(model0, own0);
      await hintReads(client, model0, lastLine, `→ ${k}`, performance.now());
    }
    console.log(
      `lsp edit → hint update across files (median of ${EDITS}, debounce 0): shared constant → its dependents' hints ${fmt(median(shared))} ms ` +
        `(all ${GROUPS} dependents republished: ${fmt(median(sharedAll))} ms), one size file → its dependent ${fmt(median(one))} ms; ` +
        `the model file edited itself ${fmt(median(own))} ms (${ratio(median(one), median(own))} / ${ratio(median(shared), median(own))})`,
    );
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const project = generate();
  try {
    coreFigures(project);
    await serverFigures(project);
  } finally {
    fs.rmSync(project.dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
