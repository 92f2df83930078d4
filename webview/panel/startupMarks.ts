// Named moments of the panel's start, as User Timing marks (`shapelens:<name>`), each set once.
// `npm run bench:panel` reads them from the page to say where a cold start's time goes (loading
// panel.js, waiting for the host's report, laying out the diagram, the sample image, the first
// map); they cost a few microseconds and change nothing the panel does.
import { afterNextPaint } from './nextPaint';

export type StartupMark = 'script' | 'readyPosted' | 'modelReceived' | 'localModel' | 'serverModel' | 'diagramShown' | 'diagramLaidOut' | 'imageReceived' | 'imageDecoded' | 'firstMap' | 'firstMapPainted';

const set = new Set<StartupMark>();

export function markStartup(name: StartupMark): void {
  if (set.has(name)) return;
  set.add(name);
  performance.mark(`shapelens:${name}`);
}

/** Marks `name` once the frame now being made is painted (no time limit: the mark says painted, or nothing). */
export function markAfterNextPaint(name: StartupMark): void {
  if (set.has(name)) return;
  void afterNextPaint().then(() => markStartup(name));
}
