// The local-analysis worker keeps its last report (localAnalysis.ts LastReport): the panel's
// request for the file activation analysed ahead is answered without analysing again, and any
// change to what the report depends on analyses anew.
import * as assert from 'assert';
import { LastReport, localReport, type LocalAnalysisInput } from '../../src/client/panel/localAnalysis';

describe('local analysis: the last report kept', () => {
  const input: LocalAnalysisInput = {
    uri: 'file:///w/model.ts', languageId: 'typescript', settings: {},
    text: "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ inputShape: [4], units: 2 }));\n",
  };

  it('analyses an input once, and again for any change of uri, language, settings or text', () => {
    const kept = new LastReport();
    let analysed = 0;
    const counting = (i: LocalAnalysisInput) => {
      analysed++;
      return localReport(i);
    };
    const first = kept.get(input, counting);
    assert.ok(first?.models.length === 1);
    assert.strictEqual(kept.get({ ...input, settings: {} }, counting), first, 'an equal input is the kept report');
    assert.strictEqual(analysed, 1);
    for (const changed of [{ uri: 'file:///w/other.ts' }, { languageId: 'javascript' }, { settings: { maxLayerParams: 1 } }, { text: `${input.text}// edit\n` }]) {
      kept.get({ ...input, ...changed }, counting);
    }
    assert.strictEqual(analysed, 5);
  });

  it('an analysis that throws keeps nothing new', () => {
    const kept = new LastReport();
    const first = kept.get(input, localReport);
    assert.throws(() => kept.get({ ...input, text: 'x' }, () => {
      throw new Error('boom');
    }), /boom/);
    assert.strictEqual(kept.get(input, () => assert.fail('the kept report should answer')), first);
  });
});
