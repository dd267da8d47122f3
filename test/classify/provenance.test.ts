/**
 * results.json records the classifier that ran; the module backend and the library take one
 * shape of classifier (`Classifier`), through the same adapter.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LIBRARY_CLASSIFIER, NO_FINGERPRINT } from '../../src/classify/index.ts';
import { loadSpec, parseSpec, resolveRunOptions, runAudit, type Classifier } from '../../src/index.ts';
import { fixture, tempDir } from '../helpers.ts';
import { problem } from './problems.ts';

const LABELS = ['NEGATIVE', 'POSITIVE'];
const IRAQ = { NEGATIVE: 0.75, POSITIVE: 0.25 };
const OTHER = { NEGATIVE: 0.25, POSITIVE: 0.75 };
/** The documented shape: texts in, one { label: probability } per text out. */
const byCountry = (texts: string[]) => texts.map((t) => (t.includes('Iraq') ? IRAQ : OTHER));
/** The same classifier as a module file's source. */
const MODULE = [
  `export const labels = ${JSON.stringify(LABELS)};`,
  `export function classify(texts) { return texts.map((t) => (t.includes('Iraq') ? ${JSON.stringify(IRAQ)} : ${JSON.stringify(OTHER)})); }`,
  '',
].join('\n');
const audit = (model: string, groups = 'India, Iraq') =>
  [
    'name: t',
    `model: ${model}`,
    'templates: ["I am from {country}.", "We flew to {country}."]',
    `axes: { country: { lexicon: countries, groups: [${groups}] } }`,
    '',
  ].join('\n');

describe('a classifier passed to the library', () => {
  const loaded = loadSpec(fixture('planted.yaml'));
  const run = (classifier: Classifier, cache?: string) => runAudit(loaded, resolveRunOptions(loaded, { classifier, cache }));

  it('is recorded by its own name and fingerprint, never as the spec’s model', async () => {
    const { results } = await run({ labels: LABELS, name: 'rules v3', fingerprint: 'sha256:rules-v3', classify: byCountry });
    assert.deepEqual(results.model, {
      source: 'rules v3',
      fingerprint: 'sha256:rules-v3',
      labels: LABELS,
      audited_label: 'POSITIVE',
      device: 'library',
      device_requested: undefined,
      adapter: undefined,
      device_fallbacks: undefined,
      backend: 'library',
      dtype: 'library',
      llm: undefined,
    });
  });

  it('without a name or fingerprint is recorded as a library classifier', async () => {
    const { results } = await run({ labels: LABELS, classify: byCountry });
    assert.equal(results.model.source, LIBRARY_CLASSIFIER);
    assert.equal(results.model.fingerprint, NO_FINGERPRINT);
  });

  it('runs whatever the spec’s model is, even one that does not exist', async () => {
    const spec = parseSpec(audit('{ path: ./nowhere, label: POSITIVE }'), path.join(tempDir(), 'a.yaml'));
    const { results } = await runAudit(spec, resolveRunOptions(spec, { classifier: { labels: LABELS, classify: byCountry } }));
    assert.equal(results.model.source, LIBRARY_CLASSIFIER);
  });

  it('is cached when it has a fingerprint', async () => {
    const cache = path.join(tempDir(), 'cache.sqlite');
    let calls = 0;
    const classifier: Classifier = { labels: LABELS, fingerprint: 'v1', classify: (texts) => ((calls += texts.length), byCountry(texts)) };
    await run(classifier, cache);
    const first = calls;
    await run(classifier, cache);
    assert.ok(first > 0);
    assert.equal(calls, first, 'the second run is served by the cache');
  });

  it('takes exactly the shape a module exports, and gives the same results as that module', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'm.mjs'), MODULE);
    const spec = parseSpec(audit('{ module: ./m.mjs, label: POSITIVE }', 'India, Iraq, France'), path.join(dir, 'a.yaml'));
    const viaModule = await runAudit(spec, resolveRunOptions(spec, {}));
    const viaLibrary = await runAudit(spec, resolveRunOptions(spec, { classifier: { labels: LABELS, classify: byCountry } }));
    assert.deepEqual(viaLibrary.results.axes, viaModule.results.axes);
    assert.equal(viaModule.results.model.backend, 'module');
  });

  it('is checked as a module is: a result that is not a probability record is named', async () => {
    const classifier: Classifier = { labels: LABELS, classify: (texts) => texts.map(() => ({ NEGATIVE: 0.5, POSITIVE: 0.5, MAYBE: 0 })) };
    const named = /the library classifier: classify\(\) result 0 .* has unknown label "MAYBE"/;
    await assert.rejects(run(classifier), problem('classify.bad-output', named));
  });
});
