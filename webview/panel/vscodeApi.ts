// The webview's side of the VS Code API: posting validated-shape messages and the small state
// VS Code keeps for us across reloads (which file, which layer, which image, which weights).
import type { WebviewMessage } from './messages';
import type { WeightsMode } from './weightSource';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PersistedState {
  readonly documentUri?: string;
  readonly previewLayer?: string;
  readonly sample?: string;
  readonly weightsMode?: WeightsMode;
}

// acquireVsCodeApi may be called once per page load.
const api: VsCodeApi = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadState(): PersistedState {
  const s = api.getState();
  if (typeof s !== 'object' || s === null) return {};
  const r = s as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const mode = r.weightsMode === 'seeded' || r.weightsMode === 'classic' || r.weightsMode === 'trained' ? r.weightsMode : undefined;
  return { documentUri: str(r.documentUri), previewLayer: str(r.previewLayer), sample: str(r.sample), weightsMode: mode };
}

export function saveState(patch: PersistedState): void {
  api.setState({ ...loadState(), ...patch });
}
