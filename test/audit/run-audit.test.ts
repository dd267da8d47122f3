import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CounterfairError, loadSpec, resolveRunOptions, runAudit, type Classifier } from '../../src/index.ts';
import { fixture, groupsOf, metricOf } from '../helpers.ts';

/** A classifier that scores a text by whether it mentions "Iraq", and counts its disposals. */
function fakeClassifier(labels = ['NEGATIVE', 'POSITIVE'], fail = false): Classifier & { disposed: number } {
  return {
    labels,
    device: 'test',
    dtype: 'fp32',
    disposed: 0,
    async classify(texts) {
      if (fail) throw new Error('session exploded');
      return texts.map(({ text: t }) => (t.includes('Iraq') ? [0.75, 0.25] : [0.25, 0.75]));
    },
    async dispose() {
      this.disposed += 1;
    },
  };
}

describe('runAudit with a classifier passed in', () => {
  const loaded = loadSpec(fixture('planted.yaml'));

  it('audits it instead of the spec’s model, and leaves it to the caller', async () => {
    const classifier = fakeClassifier();
    const { results, sentences } = await runAudit(loaded, resolveRunOptions(loaded, { classifier, now: () => new Date(0) }));
    const country = results.axes[0];
    assert.deepEqual(groupsOf(country).map((g) => [g.name, g.mean]), [['India', 0.75], ['Iraq', 0.25], ['Germany', 0.75], ['France', 0.75]]);
    assert.equal(metricOf(country, 'gap').value, 0.5);
    assert.equal(metricOf(country, 'flip_rate').value, 1);
    assert.equal(results.model.device, 'test');
    assert.equal(results.created_at, '1970-01-01T00:00:00.000Z');
    assert.equal(sentences.length, 16);
    assert.equal(classifier.disposed, 0);
  });

  it('announces each stage once, in order, the metrics after the last prediction', async () => {
    const events: string[] = [];
    const classifier = { ...fakeClassifier(), classify: async (texts: readonly { text: string }[]) => (events.push('classify'), texts.map(() => [0.5, 0.5])) };
    await runAudit(loaded, resolveRunOptions(loaded, { classifier, onStage: (stage) => events.push(`stage:${stage}`) }));
    assert.deepEqual(
      events.filter((e, i) => e !== 'classify' || events[i - 1] !== 'classify'),
      ['stage:generate', 'stage:load_model', 'stage:classify', 'classify', 'stage:metrics', 'stage:gate'],
    );
  });

  it('rejects a label the classifier lacks, pointing at model.label', async () => {
    const classifier = fakeClassifier(['neg', 'pos']);
    await assert.rejects(runAudit(loaded, resolveRunOptions(loaded, { classifier })), (err: unknown) => {
      assert.ok(err instanceof CounterfairError);
      assert.equal(err.message, `${fixture('planted.yaml')}:6:10: the model has no label "POSITIVE"; its labels are neg, pos`);
      return true;
    });
    assert.equal(classifier.disposed, 0);
  });

  it('turns a failure during inference into a "could not run" error', async () => {
    await assert.rejects(runAudit(loaded, resolveRunOptions(loaded, { classifier: fakeClassifier(undefined, true) })), (err: unknown) => {
      assert.ok(err instanceof CounterfairError);
      assert.equal(err.code, 'model');
      assert.equal(err.message, 'inference failed: session exploded');
      return true;
    });
  });
});
