# Example: the classic image classifier from countless Keras tutorials (cats vs dogs and friends).
# 64x64 RGB images -> two Conv2D/MaxPooling2D stages -> Flatten -> Dense(128) -> one sigmoid unit.
# ShapeLens shows 1,625,281 parameters, and that 1,605,760 of them sit in the Dense layer
# right after Flatten (a GlobalAveragePooling2D there would need far fewer).
import keras
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

model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
model.summary()
