// Finds the number literals written in layer configs (`tf.layers.conv2d({kernelSize: 3})`,
// `tf.input({shape: [28, 28, 1]})`), so a randomized test can rewrite them in place. Only
// literals reached through the config's own objects and arrays count: a number inside a
// nested call (`tf.initializers.randomNormal({seed: 1})`) or behind a name is left alone.
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { specForFactory } from '../../../src/core/catalog';

export interface NumberSite {
  /** UTF-16 offsets of the literal (with its minus sign, if any). */
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** The config key the number sits under, e.g. 'kernelSize' or 'shape'. */
  readonly key: string;
  /** The factory called, e.g. 'conv2d'. */
  readonly factory: string;
  /** Index of the call in the file: numbers of one call share it. */
  readonly call: number;
}

const MODEL_INPUT_FACTORIES = new Set(['input', 'inputLayer']);

function calleeName(callee: TSESTree.Expression): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

function isLayerFactory(name: string): boolean {
  return MODEL_INPUT_FACTORIES.has(name) || specForFactory(name) !== undefined;
}

function keyOf(property: TSESTree.Property): string | null {
  if (property.computed) return null;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return null;
}

function numberAt(node: TSESTree.Node): number | null {
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value;
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
    return -node.argument.value;
  }
  return null;
}

/** Numbers under one config value: the value itself, or inside its arrays and objects. */
function collectValue(node: TSESTree.Node, key: string, factory: string, call: number, out: NumberSite[]): void {
  const value = numberAt(node);
  if (value !== null) {
    out.push({ start: node.range[0], end: node.range[1], value, key, factory, call });
    return;
  }
  if (node.type === 'ArrayExpression') {
    for (const element of node.elements) if (element && element.type !== 'SpreadElement') collectValue(element, key, factory, call, out);
  } else if (node.type === 'ObjectExpression') {
    collectObject(node, factory, call, out);
  } else if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') {
    collectValue(node.expression, key, factory, call, out);
  }
}

function collectObject(node: TSESTree.ObjectExpression, factory: string, call: number, out: NumberSite[]): void {
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const key = keyOf(property);
    if (key !== null) collectValue(property.value, key, factory, call, out);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Every number written in a layer or model-input config of the file, in source order. */
export function configNumbers(text: string, fileName: string): NumberSite[] {
  const program = parse(text, { range: true, jsx: /\.[jt]sx$/.test(fileName) });
  const out: NumberSite[] = [];
  let calls = 0;
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'CallExpression') {
      const name = calleeName(node.callee);
      const config = node.arguments[0];
      if (name !== null && isLayerFactory(name) && config?.type === 'ObjectExpression') collectObject(config, name, calls++, out);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(child) ? child : [child];
      for (const c of children) if (isNode(c)) visit(c);
    }
  };
  visit(program);
  return out.sort((a, b) => a.start - b.start);
}

/** The text with each site's literal replaced (sites must not overlap). */
export function rewriteNumbers(text: string, edits: readonly { site: NumberSite; replacement: string }[]): string {
  let result = text;
  for (const { site, replacement } of [...edits].sort((a, b) => b.site.start - a.site.start)) {
    result = result.slice(0, site.start) + replacement + result.slice(site.end);
  }
  return result;
}
