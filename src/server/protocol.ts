// Custom requests shared by the language server and the VS Code client (and its panel).
// Plain names and types only, so importing this file bundles nothing.
import type { FileReport } from '../core/report';

/** `shapelens/models` {uri} → FileReport: every model of the document, as the CLI's --json. */
export const MODELS_REQUEST = 'shapelens/models';
/** `shapelens/summary` {uri} → {text}: Keras-style summary tables of every model of the document. */
export const SUMMARY_REQUEST = 'shapelens/summary';

export interface DocumentParams {
  readonly uri: string;
}

export type ModelsResult = FileReport;

export interface SummaryResult {
  readonly text: string;
}

/**
 * `shapelens/stats` {} → {analyses, editPauses}: how many analyses the server has run, and how
 * many edits came after a pause as it saw them (for tests and benchmarks: bounded work).
 */
export const STATS_REQUEST = 'shapelens/stats';

export interface StatsResult {
  readonly analyses: number;
  readonly editPauses: number;
}

/**
 * `shapelens/modelsChanged` {uri} (server → client notification): an open document (or
 * notebook) was analysed again though its text did not change, because a file it imports did;
 * views that asked for its models (the panel, the status bar) ask again. Its own edits are
 * not announced: the editor saw those.
 */
export const MODELS_CHANGED_NOTIFICATION = 'shapelens/modelsChanged';

/** Client commands the server's code lenses point at. */
export const SHOW_SUMMARY_COMMAND = 'shapelens.showSummary';
export const OPEN_PANEL_COMMAND = 'shapelens.openPanel';
