// Catalog messages are written once, in TF.js's camelCase words, and respelled for Python files
// (catalog/kerasMessages.ts): keywords and values as Keras spells them, what Keras does, and the
// user's own values quoted back as written. A few full messages, read as a user would.
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../../src/core/analyze';
import { spellMessageForKeras } from '../../../../src/core/catalog/kerasMessages';
import { specForKerasName } from '../../../../src/core/catalog';

function messageOf(line: string, input = '(8, 8, 3)'): string {
  const source = ['import keras', 'from keras import layers', `x = keras.Input(${input})`, `y = ${line}(x)`, ''].join('\n');
  const findings = analyzeText(source, 'case.py').findings.filter((f) => f.code !== 'shape/unseen-input' && f.code !== 'shape/dense-on-feature-map');
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  return findings[0].message;
}

describe('Keras spelling of catalog messages', () => {
  it('names keywords and values the Keras way', () => {
    assert.equal(
      messageOf("layers.Conv2D(4, 3, data_format='channelsLast')"),
      "Conv2D's data_format must be 'channels_last' or 'channels_first': Keras raises a ValueError when the layer is constructed.",
    );
    assert.equal(
      messageOf('layers.Conv2D(4, 3, strides=2, dilation_rate=2)'),
      'Conv2D does not support strides > 1 together with dilation_rate > 1: Keras raises a ValueError when the layer is constructed.',
    );
    assert.equal(
      messageOf('layers.RandomZoom(2.0)'),
      "RandomZoom's height_factor must be a number, or a pair of numbers, in (-1, 1]: Keras raises a ValueError when the layer is constructed.",
    );
  });

  it('says when Keras raises: at construction, at the call, or only when the model runs', () => {
    assert.match(messageOf("layers.MaxPooling2D(padding='SAME')"), /not 'SAME': Keras raises a ValueError when the layer is called\.$/);
    assert.match(messageOf('layers.Conv2D(4, 9)'), /Keras raises "Computed output size would be zero or negative" when the layer is called\.$/);
    assert.match(messageOf('layers.ZeroPadding2D(-1)'), /Keras builds the layer, but padding by a negative amount raises when the model runs\.$/);
  });

  it('quotes the user’s own values as written, and reads the possessive as an apostrophe', () => {
    assert.equal(
      messageOf("layers.CategoryEncoding(4, output_mode='oneHot')", '(3,)'),
      "CategoryEncoding's output_mode must be 'multi_hot', 'one_hot' or 'count', not 'oneHot': Keras raises a ValueError when the layer is constructed.",
    );
    const spec = specForKerasName('LeakyReLU');
    assert.equal(spellMessageForKeras(spec, "LeakyReLU's alpha cannot be negative."), "LeakyReLU's negative_slope cannot be negative.", 'a renamed keyword');
  });

  it('warns, in Keras words, where Keras ignores an argument', () => {
    const source = ['import keras', 'from keras import layers', 'x = keras.Input((5,))', 'y = layers.Embedding(10, 4, input_length=3)(x)', ''].join('\n');
    const [finding] = analyzeText(source, 'case.py').findings;
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Keras 3 ignores Embedding's input_length /);
  });
});
