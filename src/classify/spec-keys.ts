/**
 * The zod pieces the rows of the model section share: the keys every backend reads, the keys of
 * the transformers.js runtime, and the keys a backend accepts without reading them.
 */
import { z } from 'zod';
import { MESSAGES } from './messages.js';
import { CONTROL } from './remote/http.js';

/** Devices a local or hub model can run on. */
export const DEVICES = ['cpu', 'cuda', 'webgpu', 'auto'] as const;
/** Weights transformers.js can load, by the name of their ONNX file. */
export const DTYPES = ['fp32', 'fp16', 'q8', 'q4'] as const;
export type Dtype = (typeof DTYPES)[number];

const labelName = z.string().min(1);

/** Label names, at least two, each once. */
const labelList = z
  .array(labelName)
  .min(2)
  .superRefine((labels, ctx) => {
    labels.forEach((label, i) => {
      const { id, message } = MESSAGES.duplicateLabel(label);
      if (labels.indexOf(label) !== i) ctx.addIssue({ code: 'custom', path: [i], message, params: { id } });
    });
  });

/** Keys every backend reads. */
export const COMMON_KEYS = {
  label: labelName.describe('The label whose probability is audited, e.g. POSITIVE'),
  batch_size: z.int().min(1).max(4096).default(32).describe('Sentences per inference call'),
};

const labels = labelList.describe('Every label in output order, for a module or KServe server that does not name them');

/** `labels:` where the backend reads it (a module, a KServe server). */
export const LABELS_KEY = { labels: labels.optional() };

/** Keys of the transformers.js runtime (a local folder or a hub model). */
export const RUNTIME_KEYS = {
  device: z.enum(DEVICES).default('cpu').describe('Where inference runs; auto tries CUDA, then WebGPU, then the CPU'),
  dtype: z.enum(DTYPES).default('fp32').describe('Weights to load, as transformers.js maps them to ONNX files'),
  token_budget: z.int().min(16).max(1_048_576).optional().describe('Local models: most tokens (rows × longest input) in one batch'),
  workers: z.int().min(1).max(256).optional().describe('Local models: inference worker threads (default: one per core when memory allows)'),
  threads: z.int().min(1).max(256).optional().describe('Local models: threads of each worker (default: cores ÷ workers)'),
};

/**
 * Keys counterfair 0.1 accepted on every model, whatever its backend, and that some backends do
 * not read. A row takes those it does not read with `IGNORED_KEYS.pick(…)`: they stay accepted
 * (with the same checks, without defaults), so every audit written for 0.1 stays valid;
 * docs/backends.md lists them.
 */
const ignored = 'Not read by this backend; accepted so that audits written for counterfair 0.1 stay valid';
export const IGNORED_KEYS = z.object({
  revision: z.string().min(1).optional().describe(ignored),
  device: z.enum(DEVICES).optional().describe(ignored),
  dtype: z.enum(DTYPES).optional().describe(ignored),
  token_budget: RUNTIME_KEYS.token_budget.describe(ignored),
  workers: RUNTIME_KEYS.workers.describe(ignored),
  threads: RUNTIME_KEYS.threads.describe(ignored),
  labels: labels.optional().describe(ignored),
});

const headerControl = MESSAGES.headerControlCharacter();

/** HTTP header names (RFC 9110 tokens) and values without line breaks or other control characters. */
export const headersKey = z
  .record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, MESSAGES.badHeaderName().message),
    z.string().refine((v) => !CONTROL.test(v), { params: { id: headerControl.id }, message: headerControl.message }),
  )
  .optional()
  .describe('HTTP headers sent with every request; ${VAR} is replaced by the environment variable VAR');
