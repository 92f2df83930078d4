// The CPU backend's device tensor: a plain HWC Float32Array. Ops never mutate inputs.

import type { DeviceTensor, HostTensor } from '../kernels/types';

export class CpuTensor implements DeviceTensor {
  private disposed = false;
  constructor(
    readonly height: number,
    readonly width: number,
    readonly channels: number,
    private readonly values: Float32Array,
  ) {
    if (values.length !== height * width * channels) {
      throw new Error(`tensor ${height}×${width}×${channels} needs ${height * width * channels} values, got ${values.length}`);
    }
  }

  static zeros(height: number, width: number, channels: number): CpuTensor {
    return new CpuTensor(height, width, channels, new Float32Array(height * width * channels));
  }

  get data(): Float32Array {
    if (this.disposed) throw new Error('cpu tensor used after dispose');
    return this.values;
  }

  dispose(): void {
    this.disposed = true;
  }
}

export function asCpu(t: DeviceTensor): CpuTensor {
  if (!(t instanceof CpuTensor)) throw new Error('tensor does not belong to the CPU backend');
  return t;
}

export function hostCopy(t: CpuTensor): HostTensor {
  return { height: t.height, width: t.width, channels: t.channels, data: t.data.slice() };
}
