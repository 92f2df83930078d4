// The panel's first report while the language server starts: the core analysis the server
// runs, on the text the client already has, with the same settings, only without following
// imports of the project's own files (the server's project index does that; its report takes
// over as soon as it answers). Bundled alone as dist/localAnalysis.js and loaded on the first
// panel that needs it (localReport.ts), in a worker thread, so neither activation nor the extension
// host's thread pays for the parser. No `vscode`.
import { analyzeText } from '../../core/analyze';
import type { FileReport } from '../../core/report';
import { toFileReport } from '../../core/reportJson';
import { fileNameOf } from '../../server/analysisStore';
import { lintOptionsOf, parseSettings } from '../../server/settings';
import { isMainThread, parentPort } from 'worker_threads';

export interface LocalAnalysisInput {
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  /** The `shapelens` configuration section, as the server would receive it. */
  readonly settings: unknown;
}

/** The report the server would give the document before it follows imports; null where it gives none. */
export function localReport(input: LocalAnalysisInput): FileReport | null {
  const settings = parseSettings(input.settings);
  if (!settings.enable || !settings.languages.includes(input.languageId)) return null;
  const fileName = fileNameOf(input.uri, input.languageId);
  return toFileReport(analyzeText(input.text, fileName, lintOptionsOf(settings)), fileName);
}

/** A request to the worker thread (localReport.ts): analyse `input`, answer with the same `id`. */
export interface LocalAnalysisRequest {
  readonly id: number;
  readonly input: LocalAnalysisInput;
}

export type LocalAnalysisAnswer =
  | { readonly id: number; readonly ok: true; readonly report: FileReport | null }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** The report of the last input asked, kept: the same input again is answered without analysing. */
export class LastReport {
  private last: { key: string; report: FileReport | null } | null = null;

  get(input: LocalAnalysisInput, analyse: (input: LocalAnalysisInput) => FileReport | null): FileReport | null {
    // Everything a local report depends on, as one string: equal keys, equal reports.
    const key = JSON.stringify([input.uri, input.languageId, input.settings, input.text]);
    if (this.last?.key !== key) this.last = { key, report: analyse(input) };
    return this.last.report;
  }
}

// Started as a worker thread by localReport.ts: loading this bundle (the core, with TypeScript's
// parser, megabytes of code) and analysing then never holds up the extension host's own thread,
// which in a cold workbench is also what creates and serves the panel's webview.
// The last input's report is kept: activation analyses the active model file ahead
// (LocalAnalysisWorker.warm), and the panel opened on it then asks the same question again.
if (!isMainThread && parentPort) {
  const port = parentPort;
  const kept = new LastReport();
  port.on('message', (req: LocalAnalysisRequest) => {
    let answer: LocalAnalysisAnswer;
    try {
      answer = { id: req.id, ok: true, report: kept.get(req.input, localReport) };
    } catch (e) {
      answer = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(answer);
  });
}
