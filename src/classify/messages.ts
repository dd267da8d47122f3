/**
 * Every message the classify stage shows a user, each with a stable id (`Problem.id`): tests and
 * tools match the id, so the wording can improve freely. A message never quotes a header value
 * (it may hold a secret).
 */

/** A message: its id and its text. */
export interface Message {
  id: string;
  message: string;
}

const m = (id: string, message: string): Message => ({ id: `classify.${id}`, message });
const list = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');
const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
const notShown = 'not shown: it may be a secret';
const otherCache = 'pass --no-cache, or --cache with another file';

export const MESSAGES = {
  // The spec's model section.
  noModelSource: (nouns: readonly string[]) =>
    m('model-source-missing', `say where the model comes from: give one of ${nouns.slice(0, -1).join(', ')} or ${nouns.at(-1) ?? ''}`),
  twoModelSources: (first: string, second: string) =>
    m('model-source-conflict', `"${first}" already names the model; give only one of "${first}" and "${second}"`),
  misplacedKey: (owners: string, chosen: string) => m('model-key-misplaced', `applies to ${owners}, not to ${chosen}`),
  missingKey: (what: string, key: string, description: string | undefined) =>
    m('model-key-missing', `${what} needs "${key}"${description ? ` (${lowerFirst(description)})` : ''}`),
  unknownProtocol: (value: unknown, protocols: readonly string[], hint: string) =>
    m('server-protocol-unknown', `must be one of ${list(protocols)}, not ${JSON.stringify(value)}${hint}`),
  duplicateLabel: (label: string) => m('duplicate-label', `label "${label}" is listed twice`),
  badHeaderName: () => m('header-name', "a header name may hold only letters, digits and !#$%&'*+.^_`|~-"),
  headerControlCharacter: () =>
    m('header-control-character', `a header value must not hold a line break or another control character (its value is ${notShown})`),

  // Checks before loading: files, modules, labels.
  folderMissing: (shown: string) =>
    m('model-folder-missing', `model folder ${shown} not found (run \`npm run build:models\` for the shipped models)`),
  folderIncomplete: (shown: string, missing: readonly string[]) =>
    m(
      'model-files-missing',
      `model folder ${shown} lacks ${missing.join(', ')} ` +
        '(a transformers.js model folder has config.json, tokenizer.json and onnx/model.onnx)',
    ),
  badModelFile: (file: string, reason: string) => m('model-file-invalid', `${file}: ${reason}`),
  moduleMissing: (shown: string) => m('module-missing', `module ${shown} not found`),
  moduleImport: (shown: string, reason: string) => m('module-import', `cannot import module ${shown}: ${reason}`),
  moduleNoClassify: (shown: string) => m('module-no-classify', `module ${shown} exports no function "classify"`),
  moduleNoLabels: (shown: string) =>
    m(
      'labels-missing',
      `module ${shown} exports no "labels" (an array of at least two label names); export one, or set model.labels in the spec`,
    ),
  moduleBadLabels: (shown: string, why: string) => m('labels-invalid', `module ${shown} exports "labels" that ${why}`),
  kserveNoLabels: () =>
    m('labels-missing', 'a KServe server does not name its labels: list them in model.labels, in the order of the output’s columns'),
  labelsWidth: (output: string, width: number, labels: number) =>
    m('labels-width', `the server declares output "${output}" with ${width} columns, but model.labels lists ${labels} labels`),
  duplicateModelLabel: (where: string, label: string) => m('labels-invalid', `${where} names label "${label}" twice`),
  tooFewLabels: (where: string) => m('labels-invalid', `${where} names fewer than two labels`),
  unknownLabel: (label: string, labels: readonly string[], hint: string) =>
    m('unknown-label', `the model has no label "${label}"${hint}; its labels are ${labels.join(', ')}`),
  labelsAfterLoading: (id: string) =>
    m(
      'labels-after-loading',
      `note: the labels of ${id} are checked after it loads (it is not in the model cache yet: a hub model is downloaded on first use)`,
    ),

  // Loading.
  loadFailed: (what: string, reason: string) => m('load-failed', `cannot load model ${what}: ${reason}`),
  hubUnreachable: (id: string, reason: string) =>
    m(
      'load-failed',
      `cannot load model ${id} from the Hugging Face hub: ${reason} ` +
        '(the hub could not be reached: a hub model is downloaded on first use and cached after)',
    ),
  serverFailed: (protocol: string, url: string, reason: string) =>
    m('server-failed', `cannot use the ${protocol} server at ${url}: ${reason}`),
  teiBatchSize: (url: string, value: unknown) =>
    m(
      'server-batch-size',
      `the TEI server at ${url} reports max_client_batch_size ${JSON.stringify(value)}; expected a whole number of at least 1`,
    ),
  teiNotClassifier: (url: string, model: string, kind: string) =>
    m('server-not-classifier', `the TEI server at ${url} serves ${model} as ${kind}, not as a classifier`),
  headerVariable: (header: string, variable: string) =>
    m('header-variable', `header ${header} uses \${${variable}}, which is not set in the environment`),
  headerVariableValue: (header: string, variable: string) =>
    m(
      'header-control-character',
      `header ${header}: the value of \${${variable}} holds a line break or another control character (${notShown})`,
    ),

  // Inference: what a backend answers.
  timeout: (who: string, ms: number, what: string) =>
    m('timeout', `${who}: ${what} did not settle within ${ms} ms (raise model.timeout_ms if it is only slow)`),
  badOutput: (who: string, detail: string) => m('bad-output', `${who}: ${detail}`),
  badProbability: (who: string, input: string, detail: string) =>
    m('bad-probability', `${who} gave an impossible result for ${input}: ${detail}`),
  inferenceFailed: (reason: string) => m('inference-failed', `inference failed: ${reason}`),

  // The prediction cache.
  cacheUnreadable: (reason: string) =>
    m('cache-unreadable', `the prediction cache cannot be read (${reason}); delete it or pass --no-cache`),
  cacheForeign: (what: string) => m('cache-foreign', `this is not a counterfair prediction cache (${what}); ${otherCache}`),
  cacheNewer: (version: number) =>
    m('cache-newer', `the prediction cache was written by a newer counterfair (format ${version}); ${otherCache}`),
  cacheBadValue: (input: string, detail: string) =>
    m('cache-bad-value', `the prediction cache holds an impossible result for ${input}: ${detail}; delete it or pass --no-cache`),
};

/** An input as messages show it: its text (and pair), quoted and cut at 80 characters. */
export function describeInput(input: { text: string; text_pair?: string | undefined }): string {
  return input.text_pair === undefined ? quote(input.text) : `${quote(input.text)} + ${quote(input.text_pair)}`;
}
