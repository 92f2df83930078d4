// Runs inside Chromium: the panel's idle warm-up (webview/panel/programWarmup.ts) on the real
// WebGL2 backend. After the first map and a warm-up, the previews of every other layer must
// compile nothing and give exactly what a backend that never warmed gives; the warm-up must
// free every tensor it made, stop when told, and do nothing on the CPU backend.
import type { ModelReport } from '../../../src/core/report';
import { createBackend } from '../../../webview/kernels/createBackend';
import type { DeviceTensor, KernelBackend } from '../../../webview/kernels/types';
import { WebGl2Backend } from '../../../webview/gl/glBackend';
import { ActivationCache } from '../../../webview/panel/activationCache';
import { decodeImage } from '../../../webview/panel/imageDecode';
import { runPreview, staticallyUnpreviewable } from '../../../webview/panel/pipeline';
import { layersToWarm, ProgramWarmup, warmModelPrograms, type WarmupOutcome } from '../../../webview/panel/programWarmup';
import { makeWeightSource } from '../../../webview/panel/weightSources';

export interface WarmupProbe {
  readonly backend: string;
  readonly toWarm: readonly number[];
  readonly outcome: WarmupOutcome | undefined;
  /** Programs the first map compiled, then the warm-up. */
  readonly firstMapPrograms: number; readonly warmupPrograms: number;
  /** Tensors the warm-up made and did not free. */
  readonly leaked: number;
  /** Per previewable layer after the warm-up: programs its preview compiled, and |maps − a never-warmed backend's|. */
  readonly after: ReadonlyArray<{ readonly layer: number; readonly programs: number; readonly maxAbsDiff: number }>;
  /** A warm-up told to stop after its first layer. */
  readonly stopped: WarmupOutcome | undefined; readonly stoppedLeaked: number;
  readonly cpuOutcome: WarmupOutcome | undefined;
  /** ProgramWarmup: a second schedule with the same layer keys reuses the running warm-up; other keys stop it. */
  readonly sameKeysReused: boolean; readonly replacedFinished: boolean | undefined; readonly replacementFinished: boolean | undefined;
  /** ProgramWarmup given a gate (the diagram): programs compiled while it was closed, and after. */
  readonly compiledWhileGated: number; readonly compiledAfterGate: number; readonly gatedFinished: boolean | undefined;
}

/** The backend, counting the tensors it hands out and those given back. */
function liveCounting(backend: KernelBackend): { backend: KernelBackend; live: () => number } {
  const alive = new Set<DeviceTensor>();
  const wrapped = new Proxy(backend, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (prop === 'dispose') alive.delete(args[0] as DeviceTensor);
        else if (prop !== 'download' && prop !== 'warmPrograms' && typeof out === 'object' && out !== null) alive.add(out as DeviceTensor);
        return out;
      };
    },
  });
  return { backend: wrapped, live: () => alive.size };
}

const maxDiff = (a: Float32Array, b: Float32Array): number => {
  if (a.length !== b.length) return -1;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

async function warmupProbe(reportJson: string, pngBase64: string): Promise<WarmupProbe> {
  const model = JSON.parse(reportJson) as ModelReport;
  const image = await decodeImage(Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0)), 'sample.png');
  const weights = () => makeWeightSource('seeded', model, null);
  const fresh = () => {
    const { backend, fallbackReason } = createBackend();
    if (fallbackReason !== null || !(backend instanceof WebGl2Backend)) throw new Error(`no WebGL2 backend: ${fallbackReason ?? backend.name}`);
    return backend;
  };
  const previewable = model.layers.filter((l) => staticallyUnpreviewable(model, l.index) === null).map((l) => l.index);
  const warmed = fresh();
  const reference = fresh();
  const cache = new ActivationCache();
  runPreview(warmed, model, previewable[0], image, weights(), cache);
  const firstMapPrograms = warmed.compileStats.programs;
  const counted = liveCounting(warmed);
  const outcome = await warmModelPrograms(counted.backend, model, image, weights());
  const warmupPrograms = warmed.compileStats.programs - firstMapPrograms;
  const after = previewable.slice(1).map((layer) => {
    const before = warmed.compileStats.programs;
    const got = runPreview(warmed, model, layer, image, weights(), cache);
    const programs = warmed.compileStats.programs - before;
    const want = runPreview(reference, model, layer, image, weights());
    return { layer, programs, maxAbsDiff: maxDiff(got.maps.data, want.maps.data) };
  });
  cache.clear();

  const stopping = fresh();
  const stoppingCounted = liveCounting(stopping);
  let asked = 0;
  const stopped = await warmModelPrograms(stoppingCounted.backend, model, image, weights(), () => asked++ < 1);

  const cpu = createBackend({ forceCpu: true }).backend;
  const cpuOutcome = await warmModelPrograms(cpu, model, image, weights());

  const scheduled = fresh();
  const warmup = new ProgramWarmup();
  warmup.schedule(scheduled, model, image, weights(), [1, 2, 3]);
  const first = warmup.done;
  warmup.schedule(scheduled, model, image, weights(), [1, 2, 3]);
  const sameKeysReused = warmup.done === first;
  warmup.schedule(scheduled, model, image, weights(), [1, 2, 4]);
  const replaced = await first;
  const replacement = await warmup.done;

  // The warm-up waits for what it is told to (the diagram): nothing compiles before that settles.
  const gated = fresh();
  const gatedProgramsAtStart = gated.compileStats.programs;
  let open = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const gatedWarmup = new ProgramWarmup();
  gatedWarmup.schedule(gated, model, image, weights(), [7], gate);
  await new Promise((r) => setTimeout(r, 1500));
  const compiledWhileGated = gated.compileStats.programs - gatedProgramsAtStart;
  open();
  const gatedOutcome = await gatedWarmup.done;
  const compiledAfterGate = gated.compileStats.programs - gatedProgramsAtStart;

  for (const b of [warmed, reference, stopping, scheduled, gated]) b.release();
  return {
    backend: warmed.name, toWarm: layersToWarm(model), outcome, firstMapPrograms, warmupPrograms, leaked: counted.live(), after,
    stopped, stoppedLeaked: stoppingCounted.live(), cpuOutcome,
    sameKeysReused, replacedFinished: replaced?.finished, replacementFinished: replacement?.finished,
    compiledWhileGated, compiledAfterGate, gatedFinished: gatedOutcome?.finished,
  };
}

Object.assign(globalThis, { warmupProbe });
