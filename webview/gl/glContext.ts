// WebGL2 plumbing for the preview kernels: float32 array textures, a program cache, one
// framebuffer for drawing and one for reading, a uniform buffer for conv weights, and a draw
// helper that covers the output with a single triangle (no vertex buffers: the vertex shader
// derives positions from gl_VertexID).

import { gpuIdle } from './gpuIdle';

export interface TextureSize { readonly width: number; readonly height: number }

/** Most colour attachments one pass writes (WebGL2 guarantees at least 4; most GPUs have 8). */
const WANTED_DRAW_BUFFERS = 8;

/** Most compiled programs kept; beyond this the oldest is deleted. */
const MAX_PROGRAMS = 256;

/** The uniform block conv shaders read their weights from (see shaders/convShaders.ts). */
export const WEIGHT_BLOCK = 'Weights';

const VERTEX_SHADER = `#version 300 es
void main() {
  // One triangle covering clip space: (-1,-1), (3,-1), (-1,3).
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`;

/** A sampler input of a pass: a 2D texture (weights, vectors) or a tensor's array texture. */
export interface PassInput { readonly name: string; readonly texture: WebGLTexture; readonly array: boolean }

export interface PassSpec {
  readonly source: string;
  readonly inputs: readonly PassInput[];
  /** The array texture written and the layers bound to outputs o0, o1, ... in order. */
  readonly output: WebGLTexture;
  readonly layers: readonly number[];
  readonly size: TextureSize;
  /** Where the drawn rectangle of `size` starts in the output (a slot of it); (0, 0) if absent. */
  readonly origin?: { readonly x: number; readonly y: number };
  readonly ints?: Readonly<Record<string, number>>;
  /** Contents of the weight uniform block, when the shader declares one... */
  readonly block?: Float32Array;
  /** ...or where it already is: one of the blocks `stageBlocks` uploaded. */
  readonly stagedBlock?: StagedBlock;
}

/** A weight block inside the staging buffer: byte offset and length. */
export interface StagedBlock { readonly offset: number; readonly bytes: number }

export interface CompileStats {
  readonly programs: number; readonly ms: number; readonly firstDrawMs: number;
  /** Each timed first draw: its program's source and ms (benchmarks tell the passes apart by it). */
  readonly firstDraws: ReadonlyArray<{ readonly source: string; readonly ms: number }>;
}

export class GlContext {
  readonly maxTextureSize: number;
  readonly maxArrayLayers: number;
  readonly maxTextureUnits: number;
  readonly maxDrawBuffers: number;
  /** Bytes one uniform block may hold (at least 16 KiB by the spec; 64 KiB on SwiftShader). */
  readonly maxBlockBytes: number;
  private readonly programs = new Map<string, WebGLProgram>();
  private readonly vertexShader: WebGLShader;
  private readonly drawFramebuffer: WebGLFramebuffer;
  private readonly readFramebuffer: WebGLFramebuffer;
  private readonly vao: WebGLVertexArrayObject;
  private readonly weightBuffer: WebGLBuffer;
  private readonly packBuffer: WebGLBuffer;
  private packBytes = 0;
  private readonly stagingBuffer: WebGLBuffer;
  /** Bytes of storage each uniform buffer has (fillUniformBuffer grows it when needed). */
  private readonly bufferBytes = new Map<WebGLBuffer, number>();
  /** UNIFORM_BUFFER_OFFSET_ALIGNMENT: where a bound range may start. */
  private readonly blockAlignment: number;
  private readonly uniforms = new WeakMap<WebGLProgram, Map<string, WebGLUniformLocation | null>>();
  private staging = new Float32Array(0);
  private readonly pool = new TexturePool();
  private attached = 0;
  /**
   * What each colour attachment of the draw framebuffer holds, as draw() last set it. Setting
   * the same texture and layer again is skipped: ANGLE treats any attachment call as a new
   * framebuffer and ends its render pass, and on SwiftShader each render pass costs a wait for
   * the GPU's threads (~0.1 ms; tiledConv.ts draws many small passes into one target).
   */
  private readonly attachments: Array<{ tex: WebGLTexture | null; layer: number }> = [];
  /**
   * GL state draw() last set, so that it issues only what changed: every WebGL call is a
   * validated command sent to the GPU process, and a tiled conv draws dozens of passes with
   * the same program, textures and framebuffer. The texture bindings are per unit and target;
   * createTexture/createArrayTexture keep them true when they bind.
   */
  private currentProgram: WebGLProgram | null = null;
  private activeUnit = 0;
  private readonly bound = new Map<number, WebGLTexture>();
  private drawFramebufferBound = false;
  /** Last value set for each int uniform (sampler units included), per program. */
  private readonly intValues = new WeakMap<WebGLProgram, Map<string, number>>();
  /** Programs compiled, the time spent compiling and linking them, and their first draws. */
  private compiled: CompileStats = { programs: 0, ms: 0, firstDrawMs: 0, firstDraws: [] };
  /**
   * While `warm` runs: draw() draws only passes whose program it has not drawn yet with that
   * many outputs, and those on one pixel. SwiftShader JIT-compiles a program for its render
   * targets at the first such draw, whatever its size; the outputs are left undefined.
   */
  private warming = false;
  /** The output counts each program was drawn with (warm-up skips passes seen here). */
  private readonly drawnWith = new WeakMap<WebGLProgram, Set<number>>();

  /**
   * `timeFirstDraws` (benchmarks only): wait for the GPU around each program's first draw and
   * count that time too. SwiftShader JIT-compiles a program's shader at its first draw, not at
   * link, and that is most of what a first preview waits for.
   */
  constructor(readonly gl: WebGL2RenderingContext, private readonly timeFirstDraws = false) {
    // Float render targets are opt-in per context; without them no pass could write float32.
    if (!gl.getExtension('EXT_color_buffer_float')) throw new Error('EXT_color_buffer_float is not supported');
    this.maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.maxArrayLayers = gl.getParameter(gl.MAX_ARRAY_TEXTURE_LAYERS) as number;
    this.maxTextureUnits = gl.getParameter(gl.MAX_TEXTURE_IMAGE_UNITS) as number;
    this.maxDrawBuffers = Math.min(WANTED_DRAW_BUFFERS, gl.getParameter(gl.MAX_DRAW_BUFFERS) as number, gl.getParameter(gl.MAX_COLOR_ATTACHMENTS) as number);
    this.maxBlockBytes = gl.getParameter(gl.MAX_UNIFORM_BLOCK_SIZE) as number;
    this.vertexShader = this.compile(gl.VERTEX_SHADER, VERTEX_SHADER);
    this.drawFramebuffer = must(gl.createFramebuffer(), 'framebuffer');
    this.readFramebuffer = must(gl.createFramebuffer(), 'framebuffer');
    this.vao = must(gl.createVertexArray(), 'vertex array');
    this.weightBuffer = must(gl.createBuffer(), 'uniform buffer');
    this.packBuffer = must(gl.createBuffer(), 'pixel pack buffer');
    this.stagingBuffer = must(gl.createBuffer(), 'uniform staging buffer');
    this.blockAlignment = Math.max(16, gl.getParameter(gl.UNIFORM_BUFFER_OFFSET_ALIGNMENT) as number);
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.BLEND);
  }

  /** A 2D texture for small constant data (weights, vectors), filled at once. */
  createTexture(size: TextureSize, data: Float32Array): WebGLTexture {
    const { gl } = this;
    this.checkSize(size, 1);
    const tex = must(gl.createTexture(), 'texture');
    this.bindTexture(this.activeUnit, gl.TEXTURE_2D, tex);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, size.width, size.height);
    setNearest(gl, gl.TEXTURE_2D);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, size.width, size.height, gl.RGBA, gl.FLOAT, data);
    return tex;
  }

  /**
   * An RGBA32F array texture of `layers` layers; `data` (layer-major) fills it when given.
   * Without data its contents are undefined: every pass writes all texels of its outputs.
   */
  createArrayTexture(size: TextureSize, layers: number, data: Float32Array | null): WebGLTexture {
    const { gl } = this;
    this.checkSize(size, layers);
    let tex = this.pool.take(size, layers);
    if (!tex) {
      tex = must(gl.createTexture(), 'texture');
      this.bindTexture(this.activeUnit, gl.TEXTURE_2D_ARRAY, tex);
      gl.texStorage3D(gl.TEXTURE_2D_ARRAY, 1, gl.RGBA32F, size.width, size.height, layers);
      setNearest(gl, gl.TEXTURE_2D_ARRAY);
    }
    // A pooled texture is bound only to be filled: a pass's output needs no binding.
    if (data) {
      this.bindTexture(this.activeUnit, gl.TEXTURE_2D_ARRAY, tex);
      gl.texSubImage3D(gl.TEXTURE_2D_ARRAY, 0, 0, 0, 0, size.width, size.height, layers, gl.RGBA, gl.FLOAT, data);
    }
    return tex;
  }

  deleteTexture(tex: WebGLTexture): void {
    this.gl.deleteTexture(tex);
  }

  /**
   * Gives a tensor's array texture back for reuse by the next tensor of the same size, as TF.js
   * does: on SwiftShader a fresh texture costs its allocation and first touch of its memory.
   */
  recycleArrayTexture(tex: WebGLTexture, size: TextureSize, layers: number): void {
    for (const evicted of this.pool.put(tex, size, layers)) this.gl.deleteTexture(evicted);
  }

  /** Compiles (once per distinct source) and returns the program for a fragment shader. */
  program(fragmentSource: string): WebGLProgram {
    const cached = this.programs.get(fragmentSource);
    if (cached) return cached;
    const { gl } = this;
    const started = performance.now();
    const fs = this.compile(gl.FRAGMENT_SHADER, fragmentSource);
    const prog = must(gl.createProgram(), 'program');
    gl.attachShader(prog, this.vertexShader);
    gl.attachShader(prog, fs);
    gl.linkProgram(prog);
    gl.deleteShader(fs);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) {
      throw new Error(`WebGL program failed to link: ${gl.getProgramInfoLog(prog) ?? '(no log)'}`);
    }
    const block = gl.getUniformBlockIndex(prog, WEIGHT_BLOCK);
    if (block !== gl.INVALID_INDEX) gl.uniformBlockBinding(prog, block, 0);
    // The link status query waits for the compile, so this is the compile's real cost.
    this.compiled = { ...this.compiled, programs: this.compiled.programs + 1, ms: this.compiled.ms + performance.now() - started };
    this.programs.set(fragmentSource, prog);
    // Programs with inlined conv weights are one per weight set: keep the cache bounded by
    // dropping the least recently compiled (a later use just compiles it again).
    if (this.programs.size > MAX_PROGRAMS) {
      const [oldestSource, oldest] = this.programs.entries().next().value as [string, WebGLProgram];
      gl.deleteProgram(oldest);
      this.programs.delete(oldestSource);
    }
    return prog;
  }

  get programCount(): number {
    return this.programs.size;
  }

  /**
   * Programs compiled since this context was made (evicted ones included), the ms compiling and
   * linking took, and (with `timeFirstDraws`) the ms of their first draws; else 0.
   */
  get compileStats(): CompileStats {
    return this.compiled;
  }

  /**
   * Runs one pass: binds the inputs to the samplers they name, the given layers of the output
   * to the shader's outputs o0.., and renders the fragment shader over the whole layer size.
   */
  draw(pass: PassSpec): void {
    const { gl } = this;
    const timed = this.timeFirstDraws && !this.programs.has(pass.source);
    const prog = this.program(pass.source);
    let drawn = this.drawnWith.get(prog);
    if (!drawn) {
      drawn = new Set();
      this.drawnWith.set(prog, drawn);
    }
    if (this.warming && drawn.has(pass.layers.length)) return;
    drawn.add(pass.layers.length);
    if (prog !== this.currentProgram) {
      gl.useProgram(prog);
      this.currentProgram = prog;
    }
    if (pass.inputs.length > this.maxTextureUnits) throw new Error(`pass needs ${pass.inputs.length} textures, GPU allows ${this.maxTextureUnits}`);
    if (pass.layers.length > this.maxDrawBuffers) throw new Error(`pass writes ${pass.layers.length} layers, GPU allows ${this.maxDrawBuffers}`);
    pass.inputs.forEach((input, unit) => {
      this.bindTexture(unit, input.array ? gl.TEXTURE_2D_ARRAY : gl.TEXTURE_2D, input.texture);
      this.setInt(prog, input.name, unit);
    });
    for (const [name, value] of Object.entries(pass.ints ?? {})) this.setInt(prog, name, value);
    if (pass.block) this.uploadBlock(pass.block);
    else if (pass.stagedBlock) gl.bindBufferRange(gl.UNIFORM_BUFFER, 0, this.stagingBuffer, pass.stagedBlock.offset, pass.stagedBlock.bytes);
    if (!this.drawFramebufferBound) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, this.drawFramebuffer);
      this.drawFramebufferBound = true;
    }
    pass.layers.forEach((layer, i) => this.attach(i, pass.output, layer));
    // Detach what the previous pass left beyond this one's outputs: a stale attachment could
    // be a deleted texture or the very texture this pass samples.
    for (let i = pass.layers.length; i < this.attached; i++) this.attach(i, null, 0);
    if (pass.layers.length !== this.attached) {
      gl.drawBuffers(pass.layers.map((_, i) => gl.COLOR_ATTACHMENT0 + i));
      this.attached = pass.layers.length;
    }
    gl.viewport(pass.origin?.x ?? 0, pass.origin?.y ?? 0, this.warming ? 1 : pass.size.width, this.warming ? 1 : pass.size.height);
    gl.bindVertexArray(this.vao);
    // A one-pixel read (of this pass's framebuffer, complete now) waits for the GPU: before the
    // draw, so that earlier passes are not this program's cost (a tiled conv queues a whole
    // batch of tile passes before its first untile), and after it, for the draw itself
    // (finish() alone did not wait, on SwiftShader).
    if (timed) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.FLOAT, new Float32Array(4));
    const started = timed ? performance.now() : 0;
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    if (timed) {
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.FLOAT, new Float32Array(4));
      const ms = performance.now() - started;
      this.compiled = { ...this.compiled, firstDrawMs: this.compiled.firstDrawMs + ms, firstDraws: [...this.compiled.firstDraws, { source: pass.source, ms }] };
    }
  }

  /**
   * Runs `run` warming (see `warming`): its ops compile and JIT every program they would draw,
   * at a few one-pixel draws, and their outputs hold nothing (dispose them unread). Resolves
   * once the GPU has run those draws, without blocking the page meanwhile.
   */
  warm(run: () => void): Promise<void> {
    this.warming = true;
    try {
      run();
    } finally {
      this.warming = false;
    }
    return gpuIdle(this.gl);
  }

  /**
   * Binds `tex` to `target` of texture unit `unit` unless it is bound there already. A texture
   * object is never reused after deleteTexture, so a stale entry (GL unbinds a deleted texture)
   * names one nobody binds again.
   */
  private bindTexture(unit: number, target: number, tex: WebGLTexture): void {
    const key = unit * 2 + (target === this.gl.TEXTURE_2D_ARRAY ? 1 : 0);
    if (this.bound.get(key) === tex) return;
    if (unit !== this.activeUnit) {
      this.gl.activeTexture(this.gl.TEXTURE0 + unit);
      this.activeUnit = unit;
    }
    this.gl.bindTexture(target, tex);
    this.bound.set(key, tex);
  }

  /** Sets an int uniform of the current program unless it already holds `value` (uniforms are per-program state). */
  private setInt(prog: WebGLProgram, name: string, value: number): void {
    let values = this.intValues.get(prog);
    if (!values) {
      values = new Map();
      this.intValues.set(prog, values);
    }
    if (values.get(name) === value) return;
    this.gl.uniform1i(this.uniform(prog, name), value);
    values.set(name, value);
  }

  /**
   * Sets colour attachment `i` of the (bound) draw framebuffer unless it already holds that
   * layer. A texture object is never reused after deleteTexture, so an equal one is still the
   * one attached.
   */
  private attach(i: number, tex: WebGLTexture | null, layer: number): void {
    const now = this.attachments[i];
    if (now && now.tex === tex && now.layer === layer) return;
    this.gl.framebufferTextureLayer(this.gl.FRAMEBUFFER, this.gl.COLOR_ATTACHMENT0 + i, tex, 0, layer);
    this.attachments[i] = { tex, layer };
  }

  /** A uniform's location, looked up once per program (a string lookup in the driver each time otherwise). */
  private uniform(prog: WebGLProgram, name: string): WebGLUniformLocation | null {
    let names = this.uniforms.get(prog);
    if (!names) {
      names = new Map();
      this.uniforms.set(prog, names);
    }
    let at = names.get(name);
    if (at === undefined) {
      at = this.gl.getUniformLocation(prog, name);
      names.set(name, at);
    }
    return at;
  }

  /**
   * Uploads the weight blocks of a whole conv in one buffer write, each at an offset a pass can
   * bind (PassSpec.stagedBlock). One write per conv instead of one per pass: on SwiftShader
   * (ANGLE's Vulkan back end) rewriting a buffer the previous pass still reads costs each pass.
   */
  stageBlocks(blocks: readonly Float32Array[]): StagedBlock[] {
    const staged: StagedBlock[] = [];
    let end = 0;
    for (const b of blocks) {
      staged.push({ offset: end, bytes: b.byteLength });
      end += Math.ceil(b.byteLength / this.blockAlignment) * this.blockAlignment;
    }
    const all = new Float32Array(end / 4);
    blocks.forEach((b, i) => all.set(b, staged[i].offset / 4));
    this.fillUniformBuffer(this.stagingBuffer, all);
    return staged;
  }

  /** Fills the weight block's buffer and binds it at binding 0 for the whole of `data`. */
  private uploadBlock(data: Float32Array): void {
    this.fillUniformBuffer(this.weightBuffer, data);
    this.gl.bindBufferRange(this.gl.UNIFORM_BUFFER, 0, this.weightBuffer, 0, data.byteLength);
  }

  /**
   * Writes `data` at the start of a uniform buffer: its storage is reallocated only when it
   * must grow, otherwise overwritten in place.
   */
  private fillUniformBuffer(buffer: WebGLBuffer, data: Float32Array): void {
    const { gl } = this;
    gl.bindBuffer(gl.UNIFORM_BUFFER, buffer);
    if (data.byteLength > (this.bufferBytes.get(buffer) ?? 0)) {
      this.bufferBytes.set(buffer, data.byteLength);
      gl.bufferData(gl.UNIFORM_BUFFER, data, gl.DYNAMIC_DRAW);
    } else {
      gl.bufferSubData(gl.UNIFORM_BUFFER, 0, data);
    }
  }

  /**
   * Reads every layer of an array texture, layer-major, into a staging array that is reused by
   * the next read (callers copy out of it before reading again). Each layer is copied into one
   * pixel-pack buffer (queued, no wait) and the buffer is fetched once: in Chromium every plain
   * readPixels is a synchronous round trip to the GPU process. Reusing the buffer and the array
   * matters as much: first-touching megabytes of fresh memory costs about as much as the copy.
   * `meanwhile` runs after the copies are queued and flushed, before the wait: host work there
   * (such as faulting in the caller's result array) overlaps with the GPU finishing its passes.
   */
  read(tex: WebGLTexture, size: TextureSize, layers: number, meanwhile?: () => void): Float32Array {
    const { gl } = this;
    const layerFloats = size.width * size.height * 4;
    const floats = layerFloats * layers;
    if (this.staging.length < floats) this.staging = new Float32Array(floats);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.readFramebuffer);
    this.drawFramebufferBound = false;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, this.packBuffer);
    if (this.packBytes < floats * 4) {
      this.packBytes = floats * 4;
      gl.bufferData(gl.PIXEL_PACK_BUFFER, this.packBytes, gl.STREAM_READ);
    }
    try {
      for (let layer = 0; layer < layers; layer++) {
        gl.framebufferTextureLayer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, tex, 0, layer);
        if (layer === 0) {
          const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
          if (status !== gl.FRAMEBUFFER_COMPLETE) throw new Error(`float framebuffer incomplete (status 0x${status.toString(16)})`);
        }
        gl.readPixels(0, 0, size.width, size.height, gl.RGBA, gl.FLOAT, layer * layerFloats * 4);
      }
      if (meanwhile) {
        gl.flush();
        meanwhile();
      }
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.staging, 0, floats);
    } finally {
      gl.framebufferTextureLayer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, null, 0, 0);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    }
    return this.staging.subarray(0, floats);
  }

  release(): void {
    const { gl } = this;
    for (const tex of this.pool.drain()) gl.deleteTexture(tex);
    for (const p of this.programs.values()) gl.deleteProgram(p);
    this.programs.clear();
    gl.deleteShader(this.vertexShader);
    gl.deleteFramebuffer(this.drawFramebuffer);
    gl.deleteFramebuffer(this.readFramebuffer);
    gl.deleteVertexArray(this.vao);
    gl.deleteBuffer(this.weightBuffer);
    gl.deleteBuffer(this.packBuffer);
    gl.deleteBuffer(this.stagingBuffer);
  }

  private checkSize(size: TextureSize, layers: number): void {
    if (size.width > this.maxTextureSize || size.height > this.maxTextureSize || layers > this.maxArrayLayers) {
      throw new Error(`texture ${size.width}×${size.height}×${layers} exceeds this GPU's limits (${this.maxTextureSize}², ${this.maxArrayLayers} layers); preview a smaller image or fewer channels`);
    }
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

/** Bytes of idle textures kept for reuse; beyond this the oldest are deleted. */
const POOL_BYTES = 256 * 1024 * 1024;

/** Idle array textures by size, oldest first. */
class TexturePool {
  private readonly idle: Array<{ key: string; tex: WebGLTexture; bytes: number }> = [];
  private bytes = 0;

  take(size: TextureSize, layers: number): WebGLTexture | null {
    const key = poolKey(size, layers);
    const i = this.idle.findIndex((e) => e.key === key);
    if (i < 0) return null;
    const [entry] = this.idle.splice(i, 1);
    this.bytes -= entry.bytes;
    return entry.tex;
  }

  /** Adds a texture and returns those evicted to stay under POOL_BYTES (maybe the new one). */
  put(tex: WebGLTexture, size: TextureSize, layers: number): WebGLTexture[] {
    const bytes = size.width * size.height * layers * 16;
    this.idle.push({ key: poolKey(size, layers), tex, bytes });
    this.bytes += bytes;
    const evicted: WebGLTexture[] = [];
    while (this.bytes > POOL_BYTES && this.idle.length > 0) {
      const old = this.idle.shift();
      if (!old) break;
      this.bytes -= old.bytes;
      evicted.push(old.tex);
    }
    return evicted;
  }

  drain(): WebGLTexture[] {
    const all = this.idle.map((e) => e.tex);
    this.idle.length = 0;
    this.bytes = 0;
    return all;
  }
}

function poolKey(size: TextureSize, layers: number): string {
  return `${size.width}x${size.height}x${layers}`;
}

function setNearest(gl: WebGL2RenderingContext, target: number): void {
  // NEAREST everywhere: kernels address texels exactly with texelFetch; float textures are
  // not filterable without another extension anyway.
  gl.texParameteri(target, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(target, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(target, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(target, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
}

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`WebGL could not create a ${what} (context lost?)`);
  return value;
}
