// The panel's first report while the language server starts: the core analysis the server
// runs, on the text the client already has, with the same settings, only without following
// imports of the project's own files (the server's project index does that; its report takes
// over as soon as it answers). Bundled alone as dist/localAnalysis.js and loaded on the first
// panel that needs it (localReport.ts), so activation never pays for the parser. No `vscode`.
import { analyzeText } from '../../core/analyze';
import type { FileReport } from '../../core/report';
import { toFileReport } from '../../core/reportJson';
import { fileNameOf } from '../../server/analysisStore';
import { lintOptionsOf, parseSettings } from '../../server/settings';

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
