// WebGL2 plumbing for the preview kernels: float32 render targets, a program cache, one
// framebuffer reused for every pass, and a draw helper that covers the output texture with a
// single triangle (no vertex buffers: the vertex shader derives positions from gl_VertexID).

export interface TextureSize { readonly width: number; readonly height: number }

const VERTEX_SHADER = `#version 300 es
void main() {
  // One triangle covering clip space: (-1,-1), (3,-1), (-1,3).
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`;

export class GlContext {
  readonly maxTextureSize: number;
  readonly maxTextureUnits: number;
  private readonly programs = new Map<string, WebGLProgram>();
  private readonly vertexShader: WebGLShader;
  private readonly framebuffer: WebGLFramebuffer;
  private readonly vao: WebGLVertexArrayObject;

  constructor(readonly gl: WebGL2RenderingContext) {
    // Float render targets are opt-in per context; without them no pass could write float32.
    if (!gl.getExtension('EXT_color_buffer_float')) throw new Error('EXT_color_buffer_float is not supported');
    this.maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.maxTextureUnits = gl.getParameter(gl.MAX_TEXTURE_IMAGE_UNITS) as number;
    this.vertexShader = this.compile(gl.VERTEX_SHADER, VERTEX_SHADER);
    this.framebuffer = must(gl.createFramebuffer(), 'framebuffer');
    this.vao = must(gl.createVertexArray(), 'vertex array');
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.BLEND);
  }

  createTexture(size: TextureSize, data: Float32Array | null): WebGLTexture {
    const { gl } = this;
    if (size.width > this.maxTextureSize || size.height > this.maxTextureSize) {
      throw new Error(`texture ${size.width}×${size.height} exceeds this GPU's limit of ${this.maxTextureSize}; preview a smaller image or fewer channels`);
    }
    const tex = must(gl.createTexture(), 'texture');
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, size.width, size.height);
    // NEAREST everywhere: kernels address texels exactly with texelFetch; float textures are
    // not filterable without another extension anyway.
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    if (data) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, size.width, size.height, gl.RGBA, gl.FLOAT, data);
    return tex;
  }

  deleteTexture(tex: WebGLTexture): void {
    this.gl.deleteTexture(tex);
  }

  /** Compiles (once per distinct source) and returns the program for a fragment shader. */
  program(fragmentSource: string): WebGLProgram {
    const cached = this.programs.get(fragmentSource);
    if (cached) return cached;
    const { gl } = this;
    const fs = this.compile(gl.FRAGMENT_SHADER, fragmentSource);
    const prog = must(gl.createProgram(), 'program');
    gl.attachShader(prog, this.vertexShader);
    gl.attachShader(prog, fs);
    gl.linkProgram(prog);
    gl.deleteShader(fs);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) {
      throw new Error(`WebGL program failed to link: ${gl.getProgramInfoLog(prog) ?? '(no log)'}`);
    }
    this.programs.set(fragmentSource, prog);
    return prog;
  }

  get programCount(): number {
    return this.programs.size;
  }

  /**
   * Runs one pass: binds the inputs to the samplers named in `inputs` (in order) and renders
   * the fragment shader over the whole output texture.
   */
  draw(fragmentSource: string, inputs: ReadonlyArray<readonly [string, WebGLTexture]>, output: WebGLTexture, size: TextureSize): void {
    const { gl } = this;
    const prog = this.program(fragmentSource);
    gl.useProgram(prog);
    if (inputs.length > this.maxTextureUnits) throw new Error(`pass needs ${inputs.length} textures, GPU allows ${this.maxTextureUnits}`);
    inputs.forEach(([name, tex], unit) => {
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.uniform1i(gl.getUniformLocation(prog, name), unit);
    });
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, output, 0);
    gl.viewport(0, 0, size.width, size.height);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** Reads a whole RGBA32F texture back to the host. */
  read(tex: WebGLTexture, size: TextureSize): Float32Array {
    const { gl } = this;
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
    const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
    if (status !== gl.FRAMEBUFFER_COMPLETE) throw new Error(`float framebuffer incomplete (status 0x${status.toString(16)})`);
    const out = new Float32Array(size.width * size.height * 4);
    gl.readPixels(0, 0, size.width, size.height, gl.RGBA, gl.FLOAT, out);
    return out;
  }

  release(): void {
    const { gl } = this;
    for (const p of this.programs.values()) gl.deleteProgram(p);
    this.programs.clear();
    gl.deleteShader(this.vertexShader);
    gl.deleteFramebuffer(this.framebuffer);
    gl.deleteVertexArray(this.vao);
  }

  private compile(type: number, source: string): WebGLShader {
    const { gl } = this;
    const shader = must(gl.createShader(type), 'shader');
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      const log = gl.getShaderInfoLog(shader) ?? '(no log)';
      gl.deleteShader(shader);
      throw new Error(`WebGL shader failed to compile: ${log}\n${source}`);
    }
    return shader;
  }
}

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`WebGL could not create a ${what} (context lost?)`);
  return value;
}
