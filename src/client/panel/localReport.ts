// Loads dist/localAnalysis.js (the core, bundled apart from the client) the first time a panel
// opens before the language server is running. A missing or broken bundle costs the early
// report only: the panel then waits for the server as before.
import type { LocalAnalysisInput } from './localAnalysis';
import type { FileReport } from '../../core/report';

export type LocalReporter = (input: LocalAnalysisInput) => FileReport | null;

const loaded = new Map<string, LocalReporter | null>();

export function localReporter(bundlePath: string): LocalReporter | null {
  if (!loaded.has(bundlePath)) {
    let reporter: LocalReporter | null = null;
    try {
      // A path known at run time: esbuild leaves this require to Node, so the core stays out of extension.js.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(bundlePath) as { localReport?: unknown };
      if (typeof mod.localReport === 'function') reporter = mod.localReport as LocalReporter;
    } catch (e) {
      console.error('[shapelens panel] loading the local analysis', e);
    }
    loaded.set(bundlePath, reporter);
  }
  return loaded.get(bundlePath) ?? null;
}
