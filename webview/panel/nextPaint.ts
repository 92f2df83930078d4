// "Once the frame now being made is painted": a requestAnimationFrame callback runs before that
// frame is drawn, and a task queued from it runs after. Used to mark the first map's paint
// (startupMarks.ts) and to start the idle warm-up only after a map is on screen (programWarmup.ts).

/**
 * Resolves after the next frame's paint, or after `maxWaitMs` when given (a hidden webview
 * draws no frame at all).
 */
export function afterNextPaint(maxWaitMs?: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const frame = (): void => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(frame);
    if (maxWaitMs !== undefined) setTimeout(frame, maxWaitMs);
  });
}
