// The weights each layer of the report declares (TF.js variable roles and shapes), so trained
// weights from a model.json can be matched to the code by name and shape.
import type { LayerReport, ModelReport } from '../../src/core/report';
import type { LayerWeightSpec } from '../weights/matchWeights';
import { NotPreviewable, bool, num, pair, single } from './configRead';
import { usesChannelsFirst } from './pipeline';

type Role = { role: string; shape: number[] };

function inChannels(layer: LayerReport, channelsFirst: boolean): number {
  const s = layer.inputShapes[0];
  const c = s ? (channelsFirst && s.length === 4 ? s[1] : s[s.length - 1]) : null;
  if (typeof c !== 'number') throw new NotPreviewable(`${layer.name}: input channels unknown`);
  return c;
}

function rolesOf(layer: LayerReport, channelsFirst: boolean): Role[] {
  const bias = (n: number): Role[] => (bool(layer, 'useBias', true) ? [{ role: 'bias', shape: [n] }] : []);
  switch (layer.className) {
    case 'Conv1D': {
      const [, k] = single(layer, 'kernelSize');
      const f = num(layer, 'filters');
      return [{ role: 'kernel', shape: [k, inChannels(layer, channelsFirst), f] }, ...bias(f)];
    }
    case 'Conv2D': {
      const [kh, kw] = pair(layer, 'kernelSize');
      const f = num(layer, 'filters');
      return [{ role: 'kernel', shape: [kh, kw, inChannels(layer, channelsFirst), f] }, ...bias(f)];
    }
    case 'Conv2DTranspose': {
      const [kh, kw] = pair(layer, 'kernelSize');
      const f = num(layer, 'filters');
      return [{ role: 'kernel', shape: [kh, kw, f, inChannels(layer, channelsFirst)] }, ...bias(f)];
    }
    case 'DepthwiseConv2D': {
      const [kh, kw] = pair(layer, 'kernelSize');
      const m = num(layer, 'depthMultiplier', 1);
      const c = inChannels(layer, channelsFirst);
      return [{ role: 'depthwise_kernel', shape: [kh, kw, c, m] }, ...bias(c * m)];
    }
    case 'SeparableConv2D': {
      const [kh, kw] = pair(layer, 'kernelSize');
      const m = num(layer, 'depthMultiplier', 1);
      const f = num(layer, 'filters');
      const c = inChannels(layer, channelsFirst);
      return [{ role: 'depthwise_kernel', shape: [kh, kw, c, m] }, { role: 'pointwise_kernel', shape: [1, 1, c * m, f] }, ...bias(f)];
    }
    case 'Dense': {
      const units = num(layer, 'units');
      return [{ role: 'kernel', shape: [inChannels(layer, false), units] }, ...bias(units)];
    }
    case 'BatchNormalization': {
      const c = inChannels(layer, channelsFirst);
      return [
        ...(bool(layer, 'scale', true) ? [{ role: 'gamma', shape: [c] }] : []),
        ...(bool(layer, 'center', true) ? [{ role: 'beta', shape: [c] }] : []),
        { role: 'moving_mean', shape: [c] },
        { role: 'moving_variance', shape: [c] },
      ];
    }
    default:
      return [];
  }
}

export function expectedWeights(model: ModelReport): LayerWeightSpec[] {
  const channelsFirst = usesChannelsFirst(model);
  return model.layers
    .filter((l) => !l.sharedRepeat)
    .map((l) => {
      try {
        return { layerName: l.name, weights: rolesOf(l, channelsFirst) };
      } catch (e) {
        if (e instanceof NotPreviewable) return { layerName: l.name, weights: [] };
        throw e;
      }
    });
}
