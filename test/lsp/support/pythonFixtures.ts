// Keras sources shared by the Python and notebook LSP tests (and the LSP benchmark).

/** The classic Keras tutorial CNN (1,625,281 params), as examples/classic_cnn.py writes it. */
export const KERAS_CNN = `import keras
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(64, 64, 3)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(64, (3, 3), activation='relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(units=128, activation='relu'))
model.add(Dense(units=1, activation='sigmoid'))
`;

/** Keras raises: a 7×7 kernel on a 5×5 map (quick fix: padding='same'). */
export const KERAS_KERNEL_TOO_BIG = `import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(10, 10, 3)),
    layers.Conv2D(4, 3, strides=2, padding='same'),
    layers.Conv2D(8, 7),
    layers.Flatten(),
    layers.Dense(2),
])
`;

/** Python with no Keras or TensorFlow at all. */
export const PLAIN_PYTHON = `def add(a, b):
    return a + b

print(add(1, 2))
`;
