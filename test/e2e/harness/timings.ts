// Durations of the e2e stage's phases, printed at the end and written to
// test-results/e2e-timings.json: the stage has a budget (6 minutes on a 2-core machine).
import * as fs from 'fs';
import * as path from 'path';
import { RESULTS_DIR } from './paths';

class Timings {
  private readonly entries: { phase: string; ms: number }[] = [];
  private readonly started = Date.now();

  record(phase: string, ms: number): void {
    this.entries.push({ phase, ms });
  }

  async measure<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      this.record(phase, Date.now() - t0);
    }
  }

  report(): void {
    const totalMs = Date.now() - this.started;
    const lines = this.entries.map((e) => `  ${(e.ms / 1000).toFixed(1).padStart(6)} s  ${e.phase}`);
    console.log(`\ne2e timings (mocha run ${(totalMs / 1000).toFixed(1)} s):\n${lines.join('\n')}`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, 'e2e-timings.json'), JSON.stringify({ totalMs, phases: this.entries }, null, 2));
  }
}

export const timings = new Timings();
