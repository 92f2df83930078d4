# A kernel larger than its input: two 3x3 convolutions and a pool leave a 5x5 feature map,
# and a 7x7 kernel with the default padding='valid' has no position left to sit at.
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, GlobalAveragePooling2D, Dense

model = Sequential()
model.add(Conv2D(8, (3, 3), activation='relu', input_shape=(14, 14, 1)))
model.add(Conv2D(8, (3, 3), activation='relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(16, (7, 7), activation='relu'))
model.add(GlobalAveragePooling2D())
model.add(Dense(10, activation='softmax'))
