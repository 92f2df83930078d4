// The ceiling the preview's convs are measured against (issue #12): a trivial shader doing
// nothing but independent vec4 multiply-adds, unrolled as our conv passes are, on the same
// WebGL2 implementation (SwiftShader here), timed to the end of the draw. Its GMAC/s (scalar
// multiply-adds, as a conv's MACs are counted) is what this machine's fragment shaders can do
// at best; a conv's share of it says how close to the limit that kernel is.

const SIZE = 256;
/** Unrolled rows of vec4 multiply-adds and independent accumulators per row. */
const ROWS = 64;
const ACCUMULATORS = 8;
const RUNS = 5;

function peakShader(): string {
  const acc = Array.from({ length: ACCUMULATORS }, (_, k) => k);
  const row = acc.map((k) => `a${k} = a${k} * m + c;`).join(' ');
  return `#version 300 es
precision highp float;
uniform vec4 m;
uniform vec4 c;
out vec4 o;
void main() {
  vec4 a0 = gl_FragCoord.xyxy * 0.001;
  ${acc.slice(1).map((k) => `vec4 a${k} = a0 + ${k}.0;`).join(' ')}
${Array.from({ length: ROWS }, () => `  ${row}`).join('\n')}
  o = ${acc.map((k) => `a${k}`).join(' + ')};
}`;
}

const VERTEX = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`;

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error('peak: no shader');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`peak: ${gl.getShaderInfoLog(shader) ?? 'compile failed'}`);
  return shader;
}

/** Median GMAC/s of the trivial multiply-add shader over a SIZE×SIZE float target. */
export function measurePeakGmacs(): number {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl || !gl.getExtension('EXT_color_buffer_float')) throw new Error('peak: no WebGL2 with float targets');
  const prog = gl.createProgram();
  const tex = gl.createTexture();
  const fb = gl.createFramebuffer();
  if (!prog || !tex || !fb) throw new Error('peak: could not create GL objects');
  gl.attachShader(prog, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(prog, compile(gl, gl.FRAGMENT_SHADER, peakShader()));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error('peak: link failed');
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, SIZE, SIZE);
  gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
  gl.useProgram(prog);
  // Uniform, so the compiler cannot fold the arithmetic away; values keep the sums bounded.
  gl.uniform4f(gl.getUniformLocation(prog, 'm'), 0.999, 0.998, 0.997, 0.996);
  gl.uniform4f(gl.getUniformLocation(prog, 'c'), 0.001, 0.002, 0.003, 0.004);
  gl.bindVertexArray(gl.createVertexArray());
  gl.viewport(0, 0, SIZE, SIZE);
  const pixel = new Float32Array(4);
  const drawAndWait = (): number => {
    const t0 = performance.now();
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.FLOAT, pixel); // waits for the draw
    return performance.now() - t0;
  };
  drawAndWait(); // the first draw JIT-compiles the shader
  const times = Array.from({ length: RUNS }, drawAndWait).sort((a, b) => a - b);
  const ms = times[RUNS >> 1];
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (SIZE * SIZE * ROWS * ACCUMULATORS * 4) / (ms * 1e6);
}
