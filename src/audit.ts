/**
 * The pipeline, written down once:
 *
 *   audit.yaml ─► spec ─► generate ─► classify ─► metrics ─► gate ─► report
 *
 * `runAudit` makes one call per stage, in order. Reading the spec and writing the reports are
 * the caller's (the CLI's) edges; everything between is here.
 */
import { cachedFileHasher, inputKey, loadClassifier, modelFingerprint, openPredictionCache, predictInputs, resolveModelSource, type Classifier, type ModelSource, type TextInput } from './classify/index.js';
import { SpecIssueError, CounterfairError } from './shared/errors.js';
import { checkGates, evaluateGates } from './gate/index.js';
import { generateSets, loadGenerateInputs, type CounterfactualSet, type Generated } from './generate/index.js';
import { computeAxes, type SentenceScore } from './metrics/index.js';
import { Stopwatch, type Timings } from './report/timings.js';
import { RESULTS_SCHEMA, type AuditResults, type SentenceRow } from './report/types.js';
import { specError, type LoadedSpec } from './spec/index.js';
import { VERSION } from './shared/version.js';

/** Options of one run, resolved once (spec, then flags, then defaults) by `resolveRunOptions`. */
export interface RunOptions {
  seed: number;
  /** Lines worth telling the user (device chosen, counts); no-op by default. */
  log: (line: string) => void;
  /** Called after each inference batch. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called once every prediction is in, before the metrics: the CLI starts its chart renderer
   * there, so vega loads on the other core while the metrics compute rather than competing
   * with inference for the cores.
   */
  onClassified?: () => void;
  /** A classifier to use instead of loading the spec's model (tests, other backends). */
  classifier?: Classifier;
  /** Clock for `created_at`; injectable so tests can pin it. */
  now: () => Date;
  /** The prediction cache file; no cache when absent. */
  cache?: string;
  /** Local models: inference worker threads, and threads per worker (spec, then flags). */
  workers?: number;
  threads?: number;
}

/** Merges the spec's settings with overrides from flags into one options object. */
export function resolveRunOptions(loaded: LoadedSpec, overrides: Partial<RunOptions> = {}): RunOptions {
  return {
    seed: overrides.seed ?? loaded.spec.seed,
    log: overrides.log ?? (() => {}),
    now: overrides.now ?? (() => new Date()),
    ...(overrides.onProgress ? { onProgress: overrides.onProgress } : {}),
    ...(overrides.onClassified ? { onClassified: overrides.onClassified } : {}),
    ...(overrides.classifier ? { classifier: overrides.classifier } : {}),
    ...(overrides.cache !== undefined ? { cache: overrides.cache } : {}),
    ...optional('workers', overrides.workers ?? loaded.spec.model.workers),
    ...optional('threads', overrides.threads ?? loaded.spec.model.threads),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An audit's outcome: the results contract plus every sentence with its scores. */
export interface AuditRun {
  results: AuditResults;
  sentences: SentenceRow[];
  /** Milliseconds per stage; kept apart from `results` so results stay reproducible. */
  timings: Timings;
}

/**
 * Generates the sentences of a loaded spec (spec → generate), with spec problems located.
 * @throws CounterfairError (exit 2) for slots, groups or lexicons the spec gets wrong.
 */
export function generateFromSpec(loaded: LoadedSpec): Generated {
  return located(loaded, () => {
    const inputs = loadGenerateInputs(loaded.spec, loaded.dir);
    return generateSets(loaded.spec, inputs.lexicons, inputs);
  });
}

/**
 * Everything that can be checked without running the model: the sentences generate, and a
 * local model folder exists with the files its dtype needs.
 * @throws CounterfairError (exit 2), located in the spec.
 */
export function prepareAudit(loaded: LoadedSpec): { generated: Generated; source: ModelSource } {
  const generated = generateFromSpec(loaded);
  const gateIssues = checkGates(loaded.spec, generated);
  if (gateIssues.length > 0) throw specError(loaded, new SpecIssueError(gateIssues));
  return { generated, source: located(loaded, () => resolveModelSource(loaded.spec.model, loaded.dir)) };
}

/**
 * Runs an audit: generate → classify → metrics → gate, returning results ready to report.
 * @throws CounterfairError when the audit cannot run (bad spec, missing model, unknown label).
 */
export async function runAudit(loaded: LoadedSpec, options: RunOptions): Promise<AuditRun> {
  const { spec } = loaded;
  const watch = new Stopwatch();
  const { generated, source } = prepareAudit(loaded);
  watch.lap('generate');

  const sentences = generated.sets.flatMap((s) => s.sentences);
  // A classifier passed in belongs to the caller; one loaded here (and the cache) is closed here.
  const cache = options.cache !== undefined ? openPredictionCache(options.cache) : undefined;
  let classifier: Classifier | undefined;
  let predictions;
  try {
    classifier =
      options.classifier ??
      (await loadClassifier(source, spec.model, {
        log: options.log,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
        ...(cache ? { hashFile: cachedFileHasher(cache) } : {}),
      }).catch((err: unknown) => {
        if (!(err instanceof CounterfairError)) throw err;
        throw new CounterfairError('model', { location: loaded.locator.locate(['model', MODEL_KEY[source.kind]]), message: err.message });
      }));
    watch.lap('load_model');
    if (!classifier.labels.includes(spec.model.label)) {
      throw new CounterfairError('model', {
        location: loaded.locator.locate(['model', 'label']),
        message: `the model has no label "${spec.model.label}"; its labels are ${classifier.labels.join(', ')}`,
      });
    }
    predictions = await predictInputs(classifier, sentences.map(toInput), {
      batchSize: spec.model.batch_size,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(cache ? { cache } : {}),
    }).catch((err: unknown) => {
      // A model whose sessions start on first use fails here rather than at load: point at it all the same.
      if (err instanceof CounterfairError && err.code === 'model' && err.problems.length === 1 && !err.problems[0]?.location) {
        throw new CounterfairError('model', { location: loaded.locator.locate(['model', MODEL_KEY[source.kind]]), message: err.message });
      }
      if (err instanceof CounterfairError) throw err;
      throw new CounterfairError('model', `inference failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  } finally {
    if (classifier && !options.classifier) await classifier.dispose();
    cache?.close();
  }
  // Logged once the model has run: a model that cannot load fails with one line, nothing before it.
  options.log(`${sentences.length} sentences in ${generated.sets.length} sets (${predictions.inputs.length} distinct)`);
  watch.lap('classify');
  options.onClassified?.();
  const probsOf = new Map(predictions.inputs.map((input, i) => [inputKey(input), predictions.probs[i] as number[]]));
  const rows: SentenceRow[] = sentences.map((s) => {
    const probs = probsOf.get(inputKey(toInput(s))) as number[];
    return {
      sentence_id: s.id,
      set_id: s.set_id,
      ...(s.template_id !== undefined ? { template_id: s.template_id } : {}),
      ...(s.corpus_row !== undefined ? { corpus_row: s.corpus_row } : {}),
      groups: s.groups,
      text: s.text,
      ...(s.text_pair !== undefined ? { text_pair: s.text_pair } : {}),
      ...(s.original ? { original: true } : {}),
      predicted: argmaxLabel(probs, predictions.labels),
      probs,
    };
  });
  const scores = new Map<string, SentenceScore>(rows.map((r) => [r.sentence_id, { probs: r.probs, predicted: r.predicted }]));

  const intervals = { resamples: spec.bootstrap.resamples, confidence: spec.bootstrap.confidence, seed: options.seed };
  const labels = { labels: predictions.labels, audited: spec.model.label };
  const axes = computeAxes(generated, scores, labels, intervals);
  watch.lap('metrics');
  const verdict = located(loaded, () => evaluateGates(spec.gates, axes));
  watch.lap('gate');
  const gates = verdict.gates.map((g) => {
    const { line, col } = loaded.locator.locate(['gates', g.index]);
    return { ...g, line, column: col };
  });

  return {
    results: {
      schema: RESULTS_SCHEMA,
      name: spec.name,
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      verdict: verdict.verdict,
      seed: options.seed,
      created_at: options.now().toISOString(),
      counterfair_version: VERSION,
      spec: { file: loaded.file, sha256: loaded.hash },
      model: {
        source: describeSource(source),
        fingerprint: classifier.fingerprint ?? modelFingerprint(source, spec.model.dtype),
        labels: [...predictions.labels],
        audited_label: spec.model.label,
        device: classifier.device,
        device_requested: spec.model.device,
        ...(classifier.backend !== undefined ? { backend: classifier.backend } : {}),
        dtype: classifier.dtype,
      },
      bootstrap: { resamples: spec.bootstrap.resamples, confidence: spec.bootstrap.confidence },
      templates: generated.templates,
      ...(generated.corpus ? { corpus: { ...generated.corpus, ...corpusGold(generated.sets) } } : {}),
      axes,
      gates,
    },
    sentences: rows,
    timings: watch.toTimings(),
  };
}

/** The gold label of each labelled corpus row that became a set, for the reports (`corpus.gold`). */
function corpusGold(sets: readonly CounterfactualSet[]): { gold?: { row: number; label: string }[] } {
  const gold = sets.flatMap((s) => (s.corpus_row !== undefined && s.label !== undefined ? [{ row: s.corpus_row, label: s.label }] : []));
  return gold.length > 0 ? { gold: [...new Map(gold.map((g) => [g.row, g])).values()] } : {};
}

/** The `model:` key that names each kind of source (where load failures point). */
const MODEL_KEY: Record<ModelSource['kind'], string> = { local: 'path', hub: 'id', module: 'module', server: 'server' };

/** The model as results.json names it. */
function describeSource(source: ModelSource): string {
  if (source.kind === 'hub') return source.id;
  if (source.kind === 'server') return `${source.server.url} (${source.server.protocol}${source.server.name ? ` ${source.server.name}` : ''})`;
  return source.shown;
}

function toInput(s: { text: string; text_pair?: string }): TextInput {
  return s.text_pair === undefined ? { text: s.text } : { text: s.text, text_pair: s.text_pair };
}

/** The label with the highest probability; the first one on ties, as argmax does. */
function argmaxLabel(probs: readonly number[], labels: readonly string[]): string {
  let best = 0;
  probs.forEach((p, i) => {
    if (p > (probs[best] as number)) best = i;
  });
  return labels[best] as string;
}

/** Runs a pure stage and gives its spec issues their file:line:col. */
function located<T>(loaded: LoadedSpec, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SpecIssueError) throw specError(loaded, err);
    throw err;
  }
}
