// A synthetic but realistic source file: `count` models of ~40 lines each (sequential CNNs and
// functional residual nets alternating), for benchmarks. Deterministic. Every other CNN adds its
// Dropout under a flag the analyzer cannot know, so branch joining is measured too.
export function generateModelFile(count = 50): string {
  const out: string[] = ["import * as tf from '@tensorflow/tfjs';", 'declare const useDropout: boolean;'];
  for (let i = 0; i < count; i++) {
    const filters = 8 << i % 4;
    if (i % 2 === 0) {
      out.push(
        `// Model ${i}: a small sequential CNN`,
        `const size${i} = ${32 + (i % 5) * 8};`,
        `export const model${i} = tf.sequential();`,
        `model${i}.add(tf.layers.conv2d({`,
        `  inputShape: [size${i}, size${i}, 3],`,
        `  filters: ${filters},`,
        `  kernelSize: 3,`,
        `  activation: 'relu',`,
        `  padding: 'same',`,
        `}));`,
        `model${i}.add(tf.layers.batchNormalization());`,
        `model${i}.add(tf.layers.maxPooling2d({poolSize: 2}));`,
        `model${i}.add(tf.layers.conv2d({`,
        `  filters: ${filters * 2},`,
        `  kernelSize: 3,`,
        `  activation: 'relu',`,
        `}));`,
        `model${i}.add(tf.layers.maxPooling2d({poolSize: 2}));`,
        `model${i}.add(tf.layers.conv2d({filters: ${filters * 4}, kernelSize: 3, activation: 'relu'}));`,
        `model${i}.add(tf.layers.globalAveragePooling2d({}));`,
        i % 4 === 0 ? `if (useDropout) model${i}.add(tf.layers.dropout({rate: 0.25}));` : `model${i}.add(tf.layers.dropout({rate: 0.25}));`,
        `model${i}.add(tf.layers.dense({units: 64, activation: 'relu'}));`,
        `model${i}.add(tf.layers.dense({units: 10, activation: 'softmax'}));`,
        `model${i}.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});`,
      );
    } else {
      out.push(
        `// Model ${i}: a functional residual net`,
        `function block${i}(x: tf.SymbolicTensor, f: number): tf.SymbolicTensor {`,
        `  const y = tf.layers.conv2d({filters: f, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(x) as tf.SymbolicTensor;`,
        `  const z = tf.layers.conv2d({filters: f, kernelSize: 3, padding: 'same'}).apply(y) as tf.SymbolicTensor;`,
        `  return tf.layers.add().apply([x, z]) as tf.SymbolicTensor;`,
        `}`,
        `const input${i} = tf.input({shape: [32, 32, ${filters}]});`,
        `let x${i} = input${i};`,
        `for (let k = 0; k < 3; k++) {`,
        `  x${i} = block${i}(x${i}, ${filters});`,
        `}`,
        `const pooled${i} = tf.layers.globalAveragePooling2d({}).apply(x${i}) as tf.SymbolicTensor;`,
        `const out${i} = tf.layers.dense({units: 10, activation: 'softmax'}).apply(pooled${i}) as tf.SymbolicTensor;`,
        `export const model${i} = tf.model({inputs: input${i}, outputs: out${i}});`,
      );
    }
    while (out.length < (i + 1) * 40 + 2) out.push(`// padding line ${out.length}: notes about model ${i}`);
  }
  return out.join('\n') + '\n';
}
