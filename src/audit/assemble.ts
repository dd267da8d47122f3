/**
 * The run's outcome put together: each sentence with the model's answer (sentences.csv) and the
 * results contract (results.json), from what the stages produced.
 */
import { inputKey, type Predictions, type TextInput } from '../classify/index.js';
import type { GateResult } from '../gate/index.js';
import { sentenceIdentity, type CounterfactualSet, type Generated, type Sentence } from '../generate/index.js';
import { fillerWords, type AxisResult, type Breakdown } from '../metrics/index.js';
import { asResults, RESULTS_SCHEMA, type AuditResults, type SentenceRow } from '../results/index.js';
import { VERSION } from '../shared/version.js';
import type { LoadedSpec } from '../spec/index.js';
import type { Classified } from './classify.js';
import type { RunOptions } from './options.js';

/** A sentence as the classifier sees it. */
export function toInput(s: Pick<Sentence, 'text' | 'text_pair'>): TextInput {
  return s.text_pair === undefined ? { text: s.text } : { text: s.text, text_pair: s.text_pair };
}

/** Every sentence with its probabilities and predicted label, and its set's filler words, in generation order. */
export function sentenceRows(sentences: readonly Sentence[], predictions: Predictions, sets: readonly CounterfactualSet[]): SentenceRow[] {
  const setOf = new Map(sets.map((set) => [set.id, set]));
  const probsOf = new Map(predictions.inputs.map((input, i) => [inputKey(input), predictions.probs[i]]));
  // Numbers a backend reports per input besides the probabilities (an LLM's outside_mass).
  const { extras } = predictions;
  const extrasAt = (i: number) => Object.fromEntries((extras?.names ?? []).map((n, k) => [n, extras?.values[i]?.[k] ?? Number.NaN]));
  const extrasOf = new Map(extras ? predictions.inputs.map((input, i) => [inputKey(input), extrasAt(i)]) : []);
  return sentences.map((s) => {
    const key = inputKey(toInput(s));
    const probs = probsOf.get(key);
    if (probs === undefined) throw new Error(`sentence ${s.id} was not classified`);
    const set = setOf.get(s.set_id);
    // Object.assign, not a spread followed by more fields: V8 builds such objects ~50× slower
    // (0.07 s for the bench's 10k sentences), and every reader of the rows is slower on them too.
    return Object.assign(sentenceIdentity(s), {
      original: s.original ? true : undefined,
      fillers: set?.fillers ? fillerWords(set) : undefined,
      filler_groups: set?.filler_groups,
      predicted: argmaxLabel(probs, predictions.labels),
      probs,
      extras: extrasOf.get(key),
    });
  });
}

/** The label with the highest probability; the first one on ties, as argmax does. */
function argmaxLabel(probs: readonly number[], labels: readonly string[]): string {
  let best = 0;
  probs.forEach((p, i) => {
    if (p > (probs[best] ?? -Infinity)) best = i;
  });
  return labels[best] ?? '';
}

/**
 * results.json: what ran, on what, and what it found. `asResults` checks at compile time that
 * what the stages produced fits the results schema, every field of it declared there.
 */
export function buildResults(
  loaded: LoadedSpec,
  options: RunOptions,
  generated: Generated,
  classified: Classified,
  metrics: { axes: AxisResult[]; breakdowns?: Breakdown[] | undefined },
  gates: GateResult[],
  verdict: AuditResults['verdict'],
): AuditResults {
  const { spec } = loaded;
  return asResults({
    schema: RESULTS_SCHEMA,
    name: spec.name,
    description: spec.description,
    verdict,
    seed: options.seed,
    created_at: options.now().toISOString(),
    counterfair_version: VERSION,
    spec: { file: loaded.file, sha256: loaded.hash },
    model: classified.model,
    bootstrap: { resamples: spec.bootstrap.resamples, confidence: spec.bootstrap.confidence },
    templates: generated.templates,
    corpus: generated.corpus ? { ...generated.corpus, ...corpusGold(generated.sets) } : undefined,
    axes: metrics.axes,
    breakdowns: metrics.breakdowns,
    gates,
  });
}

/** The gold label of each labelled corpus row that became a set, for the reports (`corpus.gold`). */
function corpusGold(sets: Generated['sets']): { gold?: { row: number; label: string }[] } {
  const gold = sets.flatMap((s) => (s.corpus_row !== undefined && s.label !== undefined ? [{ row: s.corpus_row, label: s.label }] : []));
  return gold.length > 0 ? { gold: [...new Map(gold.map((g) => [g.row, g])).values()] } : {};
}
