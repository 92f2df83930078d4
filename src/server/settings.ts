// The `shapelens.*` settings as the server uses them, read from whatever the client sends.
// Every value is validated: a malformed setting falls back to its default, never throws.
import { DEFAULT_LINT_OPTIONS } from '../core/analyze';
import type { LintOptions, Severity } from '../core/types';

export type ShapeHintStyle = 'compact' | 'tuple';
export type SeverityOverride = Severity | 'off';

/** Language ids ShapeLens serves; `python` covers .py files and notebooks' Python cells. */
export const DEFAULT_LANGUAGES: readonly string[] = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'];

export interface ServerSettings {
  readonly enable: boolean;
  /** The language ids analysed (`shapelens.languages`): a user turns one off by leaving it out. */
  readonly languages: readonly string[];
  /** Quiet time after the last keystroke before analysing. */
  readonly debounceMs: number;
  readonly inlayHints: {
    readonly enabled: boolean;
    readonly format: ShapeHintStyle;
  };
  readonly maxLayerParams: number;
  readonly maxTotalParams: number;
  readonly severityOverrides: Readonly<Record<string, SeverityOverride>>;
}

export const DEFAULT_DEBOUNCE_MS = 150;

export function defaultSettings(): ServerSettings {
  return {
    enable: true,
    languages: DEFAULT_LANGUAGES,
    debounceMs: DEFAULT_DEBOUNCE_MS,
    inlayHints: { enabled: true, format: 'compact' },
    maxLayerParams: DEFAULT_LINT_OPTIONS.maxLayerParams,
    maxTotalParams: DEFAULT_LINT_OPTIONS.maxTotalParams,
    severityOverrides: {},
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

function nonNegative(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

const OVERRIDES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** A list of language ids; anything else (not a list, or one with a non-string) keeps the default. */
function languages(v: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback;
}

function overrides(v: unknown): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  if (!isRecord(v)) return out;
  for (const [code, level] of Object.entries(v)) {
    if (typeof level === 'string' && OVERRIDES.includes(level)) out[code] = level as SeverityOverride;
  }
  return out;
}

/**
 * Reads the `shapelens` section. Clients send it nested (`{inlayHints: {enabled}}`); some send
 * dotted keys (`{"inlayHints.enabled": false}`), so both are accepted.
 */
export function parseSettings(raw: unknown): ServerSettings {
  const d = defaultSettings();
  if (!isRecord(raw)) return d;
  const hints = isRecord(raw.inlayHints) ? raw.inlayHints : {};
  const format = hints.format ?? raw['inlayHints.format'];
  return {
    enable: bool(raw.enable, d.enable),
    languages: languages(raw.languages, d.languages),
    debounceMs: nonNegative(raw.debounceMs, d.debounceMs),
    inlayHints: {
      enabled: bool(hints.enabled ?? raw['inlayHints.enabled'], d.inlayHints.enabled),
      format: format === 'tuple' || format === 'compact' ? format : d.inlayHints.format,
    },
    maxLayerParams: nonNegative(raw.maxLayerParams, d.maxLayerParams),
    maxTotalParams: nonNegative(raw.maxTotalParams, d.maxTotalParams),
    severityOverrides: overrides(raw.severityOverrides),
  };
}

export function lintOptionsOf(s: ServerSettings): Partial<LintOptions> {
  return {
    maxLayerParams: s.maxLayerParams,
    maxTotalParams: s.maxTotalParams,
    severityOverrides: s.severityOverrides,
  };
}
