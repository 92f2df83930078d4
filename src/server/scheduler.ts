// Debounce per document: each edit restarts the document's timer, so a burst of keystrokes
// costs one analysis, and a run never starts for a version that is already outdated. A
// `maxWaitMs` bounds how long a steady stream of edits may postpone the run.
export class DebounceScheduler {
  private readonly timers = new Map<string, { readonly timer: ReturnType<typeof setTimeout>; readonly since: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  schedule(key: string, delayMs: number, run: () => void, maxWaitMs = Infinity): void {
    const pending = this.timers.get(key);
    const since = pending?.since ?? this.now();
    if (pending) clearTimeout(pending.timer);
    const delay = Math.max(0, Math.min(delayMs, since + maxWaitMs - this.now()));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, delay);
    this.timers.set(key, { timer, since });
  }

  cancel(key: string): void {
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending.timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const p of this.timers.values()) clearTimeout(p.timer);
    this.timers.clear();
  }
}
