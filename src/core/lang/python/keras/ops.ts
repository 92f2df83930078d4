// Keras operations on symbolic tensors: `x + y`, `x * 0.5`, `-x`, `keras.ops.relu(x)`.
// Keras 3 records each as an operation node of the graph (named from its class: `add`,
// `true_divide`, `relu`, on the same counters as layers). We model the elementwise and
// shape-keeping ones, verified against Keras 3.15.1's class names; any other operation, or an
// operand we cannot read, gives an unknown tensor (never a guessed shape).
import type { LayerDecl, OperationKind, Span } from '../../../types';
import type { BinaryOperator } from '../ast';
import type { CallArgs } from '../callArgs';
import type { PyInterpreter } from '../interpreter';
import { isObject, isTensorObj, numericValue, tensorObj, tensorRef, type PyVal, type PyWeight, type TensorObj } from '../values';
import { shapeOfNode } from './shapes';
import { kerasSnakeCase } from './naming';

/** Python operators on tensors → Keras's operation class. */
const BINARY: Partial<Record<BinaryOperator, string>> = { '+': 'Add', '-': 'Subtract', '*': 'Multiply', '/': 'TrueDivide', '**': 'Power' };

/** keras.ops functions of one tensor that keep its shape → operation class. */
const UNARY_FUNCTIONS: Readonly<Record<string, string>> = {
  relu: 'Relu',
  gelu: 'Gelu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
  silu: 'Silu',
  exp: 'Exp',
  log: 'Log',
  sqrt: 'Sqrt',
  square: 'Square',
  abs: 'Absolute',
  absolute: 'Absolute',
  negative: 'Negative',
};

/** keras.ops functions of two operands that broadcast → operation class. */
const BINARY_FUNCTIONS: Readonly<Record<string, string>> = { add: 'Add', subtract: 'Subtract', multiply: 'Multiply', true_divide: 'TrueDivide' };

function operation(ip: PyInterpreter, className: string, kind: OperationKind, tensors: readonly TensorObj[], span: Span, config: LayerDecl['config'] = {}): TensorObj {
  const decl: LayerDecl = {
    id: ip.ctx.newLayerId(),
    className,
    factory: className,
    config,
    span,
    configSpans: {},
    configObjectSpan: null,
    inner: null,
    dialect: 'keras',
    operation: kind,
    autoName: ip.ctx.autoName(kerasSnakeCase(className)),
  };
  const node = ip.ctx.makeNodeFrom({ kind: 'layer', layer: decl }, tensors.map(tensorRef), span);
  return tensorObj(node);
}

/**
 * True when a weight of this shape broadcasts into the tensor without growing it (each of its
 * trailing dims is 1 or the tensor's, known): then the result has the tensor's shape.
 */
function weightFits(ip: PyInterpreter, weight: PyWeight, tensor: TensorObj): boolean {
  const shape = tensor.node ? shapeOfNode(ip, tensor.node, tensor.outputIndex ?? 0) : null;
  if (!weight.shape || !shape || weight.shape.length > shape.length) return false;
  const offset = shape.length - weight.shape.length;
  return weight.shape.every((d, i) => d === 1 || (d !== null && d === shape[offset + i]));
}

/** Operands of an elementwise op: tensors, plain numbers, and weights that broadcast into them. */
function operands(ip: PyInterpreter, values: readonly PyVal[]): TensorObj[] | null {
  const tensors = values.filter(isTensorObj);
  if (tensors.length === 0) return null;
  for (const v of values) {
    if (isTensorObj(v) || numericValue(v) !== undefined) continue;
    if (isObject(v) && v.tag === 'weight' && tensors.length === 1 && weightFits(ip, v, tensors[0])) continue;
    return null;
  }
  return tensors;
}

/** `a <op> b` where one side is a tensor. */
export function tensorBinaryOp(ip: PyInterpreter, op: BinaryOperator, a: PyVal, b: PyVal, span: Span): PyVal {
  const className = BINARY[op];
  const tensors = operands(ip, [a, b]);
  if (!className || !tensors) return tensorObj(null, `\`${op}\` on tensors`);
  return operation(ip, className, 'elementwise', tensors, span);
}

/** `-x` on a tensor. */
export function tensorNegative(ip: PyInterpreter, x: TensorObj, span: Span): PyVal {
  return operation(ip, 'Negative', 'unary', [x], span);
}

/** keras.random functions that make a tensor of the shape they are given → operation class. */
const RANDOM_SOURCES: Readonly<Record<string, string>> = { normal: 'Normal', uniform: 'Uniform', truncated_normal: 'TruncatedNormal' };

/** `keras.random.normal(shape=(batch, dim))`: a tensor of that shape (an unknown size stays unknown). */
export function kerasRandom(ip: PyInterpreter, name: string, args: CallArgs, span: Span): PyVal | null {
  const className = RANDOM_SOURCES[name];
  const shape = args.positional[0] ?? args.keywords.get('shape');
  if (!className || shape === undefined || !isObject(shape) || (shape.tag !== 'tuple' && shape.tag !== 'list')) return null;
  return operation(ip, className, 'source', [], span, { shape: shape.items.map((d) => (typeof d === 'number' ? d : null)) });
}

/** `keras.ops.<name>(...)` on tensors, or null when it is not one we model. */
export function kerasOp(ip: PyInterpreter, name: string, args: readonly PyVal[], span: Span): PyVal | null {
  const unary = UNARY_FUNCTIONS[name];
  if (unary && args.length >= 1 && isTensorObj(args[0])) return operation(ip, unary, 'unary', [args[0]], span);
  const binary = BINARY_FUNCTIONS[name];
  if (binary && args.length === 2) {
    const tensors = operands(ip, args);
    if (tensors) return operation(ip, binary, 'elementwise', tensors, span);
  }
  return null;
}
