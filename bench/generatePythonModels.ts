// A synthetic but realistic Keras script: `count` models of ~40 lines each (Sequential CNNs and
// functional residual nets alternating), for benchmarks. Deterministic. Every other CNN is
// built by a function with a flag the analyzer cannot know, so branch joining is measured too.
export function generatePythonModelFile(count = 50): string {
  const out: string[] = ['import keras', 'from keras import layers', ''];
  for (let i = 0; i < count; i++) {
    const filters = 8 << i % 4;
    if (i % 2 === 0) {
      out.push(
        `# Model ${i}: a small sequential CNN`,
        `SIZE_${i} = ${32 + (i % 5) * 8}`,
        '',
        `def build_cnn_${i}(use_dropout=${i % 4 === 0 ? 'False' : 'True'}):`,
        `    model = keras.Sequential(name="cnn_${i}")`,
        `    model.add(keras.Input(shape=(SIZE_${i}, SIZE_${i}, 3)))`,
        `    model.add(layers.Conv2D(`,
        `        ${filters},`,
        `        (3, 3),`,
        `        activation="relu",`,
        `        padding="same",`,
        `    ))`,
        `    model.add(layers.BatchNormalization())`,
        `    model.add(layers.MaxPooling2D(pool_size=(2, 2)))`,
        `    model.add(layers.Conv2D(${filters * 2}, 3, activation="relu"))`,
        `    model.add(layers.MaxPooling2D())`,
        `    model.add(layers.Conv2D(${filters * 4}, 3, activation="relu"))`,
        `    model.add(layers.GlobalAveragePooling2D())`,
        `    if use_dropout:`,
        `        model.add(layers.Dropout(0.25))`,
        `    model.add(layers.Dense(64, activation="relu"))`,
        `    model.add(layers.Dense(10, activation="softmax"))`,
        `    model.compile(optimizer="adam", loss="categorical_crossentropy")`,
        `    return model`,
        '',
        i % 4 === 0 ? `model_${i} = build_cnn_${i}()` : `# build_cnn_${i} is left for the caller (analysed with unknown arguments)`,
      );
    } else {
      out.push(
        `# Model ${i}: a functional residual net`,
        `def block_${i}(x, f):`,
        `    y = layers.Conv2D(f, 3, padding="same", activation="relu")(x)`,
        `    z = layers.Conv2D(f, 3, padding="same")(y)`,
        `    return layers.Add()([x, z])`,
        '',
        `inputs_${i} = keras.Input(shape=(32, 32, ${filters}))`,
        `x = inputs_${i}`,
        `for k in range(3):`,
        `    x = block_${i}(x, ${filters})`,
        `x = layers.GlobalAveragePooling2D()(x)`,
        `outputs_${i} = layers.Dense(10, activation="softmax", name=f"head_{${i}}")(x)`,
        `model_${i} = keras.Model(inputs_${i}, outputs_${i}, name="resnet_${i}")`,
      );
    }
    while (out.length < (i + 1) * 40 + 3) out.push(`# padding line ${out.length}: notes about model ${i}`);
  }
  return out.join('\n') + '\n';
}
