// A realistic Keras training script (about 170 lines) for the parser's recovery measurements:
// imports, constants, helper functions, Sequential / functional / subclassed models, loops,
// comprehensions, decorators, docstrings, f-strings, dict configs, try/except and comments.
export const KERAS_SCRIPT = `"""Train a small image classifier on CIFAR-10 with three model styles."""
import os
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, models, regularizers
from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint

# Hyper-parameters
IMG_SIZE = 32
NUM_CLASSES = 10
BATCH_SIZE = 64
EPOCHS = 20
LEARNING_RATE = 1e-3
FILTERS = [32, 64, 128]
DROPOUT = 0.25
CONFIG = {
    "optimizer": "adam",
    "loss": "sparse_categorical_crossentropy",
    "metrics": ["accuracy"],
}


def load_data(normalize=True):
    """Load CIFAR-10 and scale pixels to [0, 1]."""
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    if normalize:
        x_train = x_train.astype("float32") / 255.
        x_test = x_test.astype("float32") / 255.0
    return (x_train, y_train), (x_test, y_test)


def conv_block(x, filters, kernel_size=3, pool=True, name=None):
    x = layers.Conv2D(filters, kernel_size, padding="same",
                      kernel_regularizer=regularizers.l2(1e-4))(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    if pool:
        x = layers.MaxPooling2D(pool_size=(2, 2), name=name)(x)
    return x


def build_sequential(input_shape=(IMG_SIZE, IMG_SIZE, 3)):
    model = models.Sequential(name="sequential_cnn")
    model.add(layers.Input(shape=input_shape))
    for i, f in enumerate(FILTERS):
        model.add(layers.Conv2D(f, (3, 3), activation="relu", padding="same"))
        model.add(layers.Conv2D(f, (3, 3), activation="relu"))
        model.add(layers.MaxPooling2D((2, 2)))
        if i > 0:
            model.add(layers.Dropout(DROPOUT))
    model.add(layers.Flatten())
    model.add(layers.Dense(256, activation="relu"))
    model.add(layers.Dropout(0.5))
    model.add(layers.Dense(NUM_CLASSES, activation="softmax"))
    return model


def build_functional():
    inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3), name="image")
    x = inputs
    for depth, filters in enumerate(FILTERS):
        x = conv_block(x, filters, name=f"pool_{depth}")
    skip = layers.Conv2D(FILTERS[-1], 1)(inputs)
    skip = layers.MaxPooling2D(pool_size=2 ** len(FILTERS))(skip)
    x = layers.add([x, skip])
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(128, activation="relu")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="probs")(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="functional_cnn")


class ResidualBlock(layers.Layer):
    """Two 3x3 convolutions with an identity shortcut."""

    def __init__(self, filters, stride=1, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(filters, 3, strides=stride, padding="same")
        self.bn1 = layers.BatchNormalization()
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
        self.bn2 = layers.BatchNormalization()
        self.project = None
        if stride != 1:
            self.project = layers.Conv2D(filters, 1, strides=stride)

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.bn2(self.conv2(x), training=training)
        shortcut = inputs if self.project is None else self.project(inputs)
        return tf.nn.relu(x + shortcut)


class SmallResNet(keras.Model):
    def __init__(self, num_classes=NUM_CLASSES):
        super().__init__()
        self.stem = layers.Conv2D(32, 3, padding="same", activation="relu")
        self.blocks = [ResidualBlock(f, stride=2 if i else 1) for i, f in enumerate(FILTERS)]
        self.pool = layers.GlobalAveragePooling2D()
        self.head = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        x = self.stem(inputs)
        for block in self.blocks:
            x = block(x, training=training)
        return self.head(self.pool(x))


@tf.function
def train_step(model, optimizer, loss_fn, x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def make_callbacks(out_dir="checkpoints"):
    os.makedirs(out_dir, exist_ok=True)
    return [
        EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True),
        ModelCheckpoint(os.path.join(out_dir, "best.keras"), save_best_only=True),
    ]


def main():
    (x_train, y_train), (x_test, y_test) = load_data()
    print(f"train: {x_train.shape}, test: {x_test.shape}")
    builders = {"sequential": build_sequential, "functional": build_functional}
    histories = {}
    for name, build in builders.items():
        model = build()
        model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE),
                      loss=CONFIG["loss"], metrics=CONFIG["metrics"])
        model.summary()
        try:
            history = model.fit(x_train, y_train, batch_size=BATCH_SIZE,
                                epochs=EPOCHS, validation_split=0.1,
                                callbacks=make_callbacks(name))
        except KeyboardInterrupt:
            print("interrupted")
            continue
        histories[name] = history.history
        loss, acc = model.evaluate(x_test, y_test, verbose=0)
        print(f"{name:>12}: loss={loss:.4f} acc={acc:.2%}")

    resnet = SmallResNet()
    optimizer = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(BATCH_SIZE)
    step = 0
    for epoch in range(2):
        for x, y in dataset:
            loss = train_step(resnet, optimizer, loss_fn, x, y)
            step += 1
            if step % 100 == 0:
                print(epoch, step, float(loss))
    best = max(histories, key=lambda k: max(histories[k]["val_accuracy"]))
    print("best model:", best)
    sizes = [m.count_params() for m in (build_sequential(), build_functional())]
    assert all(s > 0 for s in sizes), "empty model"
    return histories


if __name__ == "__main__":
    main()
`;

/** The script and `models` generated model sections (about 100 lines each): 50 give a ~5,000-line file. */
export function largeKerasFile(models: number): string {
  const parts: string[] = [KERAS_SCRIPT];
  for (let i = 0; i < models; i++) {
    parts.push(`
def build_model_${i}(units=${32 + i}, depth=${2 + (i % 4)}):
    model = keras.Sequential(name="model_${i}")
    model.add(layers.Input(shape=(${28 + i}, ${28 + i}, 3)))
    for d in range(depth):
        model.add(layers.Conv2D(units * (d + 1), (3, 3), padding="same", activation="relu"))
        model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.Flatten())
    model.add(layers.Dense(units, activation="relu", name=f"dense_{i}_{'{'}units{'}'}"))
    model.add(layers.Dense(${2 + (i % 10)}, activation="softmax"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def train_model_${i}(x, y, epochs=${1 + (i % 5)}):
    """Train model ${i} and report its accuracy."""
    model = build_model_${i}()
    history = model.fit(x, y, epochs=epochs, batch_size=32, validation_split=0.2)
    scores = [h for h in history.history.get("val_accuracy", []) if h > 0.5]
    if scores:
        print(f"model ${i}: {max(scores):.3f}")
    elif epochs > 3:
        print("model ${i} did not converge")
    else:
        pass
    return model, history


def build_functional_${i}(input_shape=(${64 + i}, ${64 + i}, 3), classes=${2 + (i % 10)}):
    inputs = keras.Input(shape=input_shape, name="input_${i}")
    x = layers.Rescaling(1.0 / 255)(inputs)
    skips = []
    for filters in [32, 64, 128]:
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        skips.append(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
    for filters, skip in zip([128, 64, 32], reversed(skips)):
        x = layers.UpSampling2D(2)(x)
        x = layers.Concatenate()([x, skip])
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    if classes > 2:
        outputs = layers.Dense(classes, activation="softmax")(x)
    else:
        outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="functional_${i}")


class Block${i}(layers.Layer):
    def __init__(self, filters=${16 + i}, rate=0.${1 + (i % 5)}, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.conv = layers.Conv2D(filters, (3, 3), padding="same")
        self.norm = layers.LayerNormalization(epsilon=1e-6)
        self.drop = layers.Dropout(rate)

    def call(self, inputs, training=None):
        x = self.conv(inputs)
        x = self.norm(x)
        return self.drop(tf.nn.gelu(x), training=training)

    def get_config(self):
        config = super().get_config()
        config.update({"filters": self.filters})
        return config


def evaluate_${i}(models, data):
    results = {}
    for name, model in models.items():
        try:
            loss, acc = model.evaluate(*data, verbose=0)
        except ValueError as err:
            print(f"{name}: {err}")
            continue
        finally:
            pass
        results[name] = {"loss": loss, "acc": acc}
    best = sorted(results, key=lambda k: results[k]["acc"], reverse=True)
    return results, best[:3]


SETTINGS_${i} = {
    "learning_rate": ${i + 1}e-4,
    "batch_size": ${16 * (1 + (i % 4))},
    "layers": [${i % 7}, ${(i * 3) % 11}, ${(i * 5) % 13}],
    "augment": ${i % 2 === 0 ? 'True' : 'False'},
}
MODEL_${i} = build_model_${i}(units=SETTINGS_${i}["batch_size"])
MODELS = [build_functional_${i}(classes=c) for c in range(2, 5)]
`);
  }
  return parts.join('');
}
