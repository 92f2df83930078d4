// Telling a burst of edits (a tool rewriting the file, a macro, a paste storm, 5,000 changes a
// second) from typing (a few a second). In a burst only the latest version is worth analysing:
// diagnostics wait for a pause (or publish at most once per BURST_MAX_WAIT_MS), and requests are
// answered from the last analysis carried over the edits, so a burst costs bounded work.

/** Edits within BURST_WINDOW_MS that make a burst: no one types that fast. */
export const BURST_EDITS = 5;
export const BURST_WINDOW_MS = 100;
/** In a burst, diagnostics wait for this much quiet... */
export const BURST_QUIET_MS = 100;
/** ...but never longer than this since the burst's first pending edit. */
export const BURST_MAX_WAIT_MS = 1000;

export class EditBursts {
  private readonly recent = new Map<string, number[]>();
  private readonly lastEdit = new Map<string, number>();
  /**
   * Edits that came after at least BURST_QUIET_MS without one, as this process saw them: the
   * pauses that end a burst. A busy server sees them too (it reads a waiting edit late), so
   * tests bound a burst's analyses by them (shapelens/stats).
   */
  pauses = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Notes an edit of the document now. */
  record(uri: string): void {
    const times = this.recent.get(uri) ?? [];
    const t = this.now();
    const last = this.lastEdit.get(uri);
    if (last !== undefined && t - last >= BURST_QUIET_MS) this.pauses++;
    this.lastEdit.set(uri, t);
    times.push(t);
    while (times.length > 0 && times[0] < t - BURST_WINDOW_MS) times.shift();
    if (times.length > BURST_EDITS) times.splice(0, times.length - BURST_EDITS);
    this.recent.set(uri, times);
  }

  /** Whether the document is being edited faster than anyone types. */
  inBurst(uri: string): boolean {
    const times = this.recent.get(uri);
    if (!times || times.length < BURST_EDITS) return false;
    return times[0] >= this.now() - BURST_WINDOW_MS;
  }

  forget(uri: string): void {
    this.recent.delete(uri);
    this.lastEdit.delete(uri);
  }
}
