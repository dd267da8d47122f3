/**
 * Fuzz tests of everything that reads a user's file: the spec loader (and what generation and
 * the gate checks make of a spec that loads), the template parser, the lexicon loader, the
 * corpus reader and the results reader. Generated and mutated inputs may only ever produce
 * counterfair's own errors — located, one line each — never an internal error or a hang.
 *
 * `npm test` runs each property with a fixed seed (the same inputs every run); a long run with
 * random seeds (the suite stops after 120 s: about 20,000 runs per property on 2 cores): COUNTERFAIR_FUZZ_RUNS=20000 COUNTERFAIR_FUZZ_SEED=random node scripts/run-tests.mjs fuzz
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { prepareAudit } from '../../src/audit/index.ts';
import { parseSlots, readCorpus } from '../../src/generate/index.ts';
import { parseLexicon } from '../../src/generate/lexicon-file.ts';
import { readResults } from '../../src/results/index.ts';
import { CounterfairError, SpecIssueError } from '../../src/shared/errors.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { syntheticRun } from '../report/synthetic.ts';
import { tempDir } from '../helpers.ts';
import { jsonValue, mutated, replaceAt, RUNS } from './mutate.ts';

const seed = process.env['COUNTERFAIR_FUZZ_SEED'] === 'random' ? undefined : Number(process.env['COUNTERFAIR_FUZZ_SEED'] ?? 20261129);
const settings = { numRuns: RUNS, ...(seed !== undefined ? { seed } : {}) };

/**
 * Runs `fn`; an error is fine only when it is counterfair's own: a CounterfairError whose every
 * problem is one line (a SpecIssueError from a pure stage, whose paths the caller locates).
 */
function ownErrorsOnly(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecIssueError) return;
    if (!(err instanceof CounterfairError)) throw err;
    assert.ok(err.problems.length > 0);
    for (const p of err.problems) assert.doesNotMatch(`${p.message}`, /internal error|\[object Object\]/, p.message);
    for (const line of err.message.split('\n')) assert.ok(line.length > 0);
  }
}

const fixtures = ['planted.yaml', 'few-sets.yaml', 'planted-intersectional.yaml', 'planted-corpus.yaml', 'planted-nli.yaml', 'unpaired-lexicon.yaml'].map((f) => path.join('test', 'fixtures', f));

describe('fuzz: input readers give only counterfair’s own errors', { timeout: 120_000 }, () => {
  // A warning printed on stderr by a library (yaml's stringified collection keys) is output the
  // user did not ask for: none may appear.
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.message);
  before(() => process.on('warning', onWarning));
  after(() => {
    process.off('warning', onWarning);
    assert.deepEqual(warnings, []);
  });

  it('the spec loader, generation, the gate checks and the model’s labels', async () => {
    const specs = fixtures.map((f) => readFileSync(f, 'utf8'));
    await fc.assert(
      fc.asyncProperty(mutated(...specs), fc.constantFrom(...fixtures), async (text, file) => {
        try {
          await prepareAudit(parseSpec(text, file));
        } catch (err) {
          ownErrorsOnly(() => {
            throw err;
          });
        }
      }),
      settings,
    );
  });

  it('the template parser', () => {
    const templates = ['I am from {country}.', '{gender.subject|cap} is {a/an} {job}.', 'The {country.demonym} film.', '{x} and {y.z|upper}'];
    fc.assert(fc.property(mutated(...templates), (text) => ownErrorsOnly(() => parseSlots(text))), settings);
  });

  it('the lexicon loader', () => {
    const lexicons = ['lexicons/gender.yaml', 'lexicons/religions.yaml', 'audits/eec/emotions.yaml', 'test/fixtures/evil-lexicon.yaml'].map((f) => readFileSync(f, 'utf8'));
    fc.assert(fc.property(mutated(...lexicons), (text) => ownErrorsOnly(() => parseLexicon(text, 'fuzz.yaml'))), settings);
  });

  it('the corpus reader', () => {
    const dir = tempDir();
    const csv = readFileSync('test/fixtures/corpus/planted-reviews.csv', 'utf8');
    const jsonl = csv.split('\n').slice(1, 6).filter(Boolean).map((l) => JSON.stringify({ text: l.split(',')[0], gold: 'POSITIVE' })).join('\n');
    fc.assert(
      fc.property(mutated(csv, jsonl), fc.constantFrom('c.csv', 'c.jsonl'), (text, name) =>
        ownErrorsOnly(() => {
          writeFileSync(path.join(dir, name), text);
          readCorpus({ path: name, text: 'text', label: 'gold' }, dir);
        }),
      ),
      settings,
    );
  });

  it('the results reader', () => {
    const dir = tempDir();
    const { results } = syntheticRun({ groups: ['a', 'b', 'c'], templates: 3, score: (g, t) => 0.2 + 0.1 * g + 0.05 * t });
    const text = `${JSON.stringify(results, null, 2)}\n`;
    const file = path.join(dir, 'results.json');
    const structural = fc.tuple(fc.array(fc.nat(), { maxLength: 7 }), jsonValue).map(([at, value]) => `${JSON.stringify(replaceAt(results, at, value), null, 2)}\n`);
    fc.assert(
      fc.property(fc.oneof(mutated(text), structural), (content) =>
        ownErrorsOnly(() => {
          writeFileSync(file, content);
          readResults(file);
        }),
      ),
      settings,
    );
  });
});
