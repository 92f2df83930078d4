// Waiting for the GPU without blocking the page: a fence after the commands issued so far,
// polled with a zero timeout between tasks. A blocking wait (readPixels, clientWaitSync with a
// timeout) would freeze the panel for as long as SwiftShader JIT-compiles a program.

/** How often the fence is polled; a frame's worth keeps the cost of polling negligible. */
const POLL_MS = 16;

/** Resolves once the GPU has run every command issued on `gl` before the call. */
export function gpuIdle(gl: WebGL2RenderingContext): Promise<void> {
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  // A lost context gives no fence; nothing runs on it any more, so it is idle.
  if (!sync) return Promise.resolve();
  gl.flush();
  return new Promise((resolve) => {
    const poll = (): void => {
      if (gl.clientWaitSync(sync, 0, 0) === gl.TIMEOUT_EXPIRED) {
        setTimeout(poll, POLL_MS);
        return;
      }
      // ALREADY_SIGNALED, CONDITION_SATISFIED or WAIT_FAILED (context lost): done either way.
      gl.deleteSync(sync);
      resolve();
    };
    poll();
  });
}
