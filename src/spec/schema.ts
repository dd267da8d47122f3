/**
 * The audit spec: one zod schema that validates a parsed YAML file, gives the TypeScript types,
 * and generates the JSON Schema editors use (`counterfair schema`).
 */
import { z } from 'zod';
import { GatesSpecSchema, GateSpecSchema } from '../gate/schema.js';
import { BreakdownSpecSchema } from '../metrics/schema.js';
import { OpenAiServerSpecSchema } from '../classify/remote/openai-schema.js';
import { GENERATE_KEYS } from '../generate/schema.js';

/** `model.server:` — an inference server speaking KServe v2 (Triton, KServe, MLServer) or TEI. */
export const ServerSpecSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).describe('Base URL of the server, e.g. http://localhost:8000'),
    protocol: z.enum(['kserve', 'tei']).default('kserve').describe('kserve: POST /v2/models/{name}/infer (Open Inference Protocol); tei: POST /predict (Text Embeddings Inference)'),
    name: z.string().min(1).optional().describe('KServe: the model name on the server'),
    version: z.string().min(1).optional().describe('KServe: the model version'),
    input: z.string().min(1).default('text').describe('KServe: name of the BYTES input holding the texts'),
    pair_input: z.string().min(1).default('text_pair').describe('KServe: name of the BYTES input holding the second texts of pairs'),
    output: z.string().min(1).optional().describe('KServe: name of the output holding the scores (default: the first output)'),
    scores: z.enum(['probabilities', 'logits']).default('probabilities').describe('KServe: whether the output holds probabilities or logits (softmax applied)'),
    headers: z.record(z.string(), z.string()).optional().describe('HTTP headers sent with every request; ${VAR} is replaced by the environment variable VAR'),
    concurrency: z.int().min(1).max(256).default(4).describe('Requests in flight at once'),
    timeout_ms: z.int().min(1).max(3_600_000).default(60_000).describe('Time limit of one request'),
    retries: z.int().min(0).max(20).default(4).describe('Retries of a request that failed with 429, 5xx, a timeout or a network error'),
  })
  .refine((s) => s.protocol !== 'kserve' || s.name !== undefined, { message: 'a KServe server needs "name", the model name on the server' })
  .describe('A remote inference server');

/** `model:` — which classifier, which label, where it runs. */
export const ModelSpecSchema = z
  .strictObject({
    id: z.string().min(1).optional().describe('Hugging Face model id, e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english'),
    path: z.string().min(1).optional().describe('Local model folder in the transformers.js layout, relative to the spec file'),
    revision: z.string().min(1).optional().describe('Hub revision (branch, tag or commit) for `id`'),
    label: z.string().min(1).describe('The label whose probability is audited, e.g. POSITIVE'),
    device: z.enum(['cpu', 'cuda', 'webgpu', 'auto']).default('cpu').describe('Where inference runs; auto tries CUDA, then WebGPU, then the CPU'),
    dtype: z.enum(['fp32', 'fp16', 'q8', 'q4']).default('fp32').describe('Weights to load, as transformers.js maps them to ONNX files'),
    batch_size: z.int().min(1).max(4096).default(32).describe('Sentences per inference call'),
    module: z.string().min(1).optional().describe('A JavaScript module exporting classify(texts), relative to the spec file'),
    server: z.discriminatedUnion('protocol', [ServerSpecSchema, OpenAiServerSpecSchema]).optional(),
    labels: z.array(z.string().min(1)).min(2).optional().describe('Every label in output order, for a module or KServe server that does not name them'),
    token_budget: z.int().min(16).max(1_048_576).optional().describe('Local models: most tokens (rows × longest input) in one batch'),
    workers: z.int().min(1).max(256).optional().describe('Local models: inference worker threads (default: one per core when memory allows)'),
    threads: z.int().min(1).max(256).optional().describe('Local models: threads of each worker (default: cores ÷ workers)'),
  })
  .refine((m) => [m.id, m.path, m.module, m.server].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of "id" (a Hugging Face model), "path" (a local folder), "module" (a JavaScript module) or "server" (an inference server)',
  })
  .describe('The classifier under audit');

/** One entry of `gates:` — defined by the gate stage (src/gate/schema.ts). */
export { GateSpecSchema };

/** A whole audit file: the single source of validation, TS types and JSON Schema. */
export const AuditSpecSchema = z
  .strictObject({
    name: z.string().min(1).describe('Title of the audit, shown in reports'),
    description: z.string().optional(),
    seed: z.int().min(0).max(2 ** 32 - 1).default(1).describe('Seed of every random draw: max_sets sampling, bootstrap resamples, permutation tests'),
    language: GENERATE_KEYS.language,
    model: ModelSpecSchema,
    templates: GENERATE_KEYS.templates,
    fillers: GENERATE_KEYS.fillers,
    max_sets: GENERATE_KEYS.max_sets,
    max_sentences: GENERATE_KEYS.max_sentences,
    corpus: GENERATE_KEYS.corpus,
    perturb: GENERATE_KEYS.perturb,
    axes: GENERATE_KEYS.axes,
    bootstrap: z
      .strictObject({
        resamples: z.int().min(100).max(1_000_000).default(2000).describe('Bootstrap resamples of the sets'),
        confidence: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level of every interval'),
      })
      .default({ resamples: 2000, confidence: 0.95 }),
    gates: GatesSpecSchema,
    breakdown: BreakdownSpecSchema.optional(),
  })
  .describe('A counterfair audit');

/** An audit spec as written in YAML (defaults not yet applied). */
export type AuditSpecInput = z.input<typeof AuditSpecSchema>;
/** An audit spec after validation, with defaults applied. */
export type AuditSpec = z.output<typeof AuditSpecSchema>;
/** Parts of a validated spec. */
export type ModelSpec = AuditSpec['model'];
export type GateSpec = AuditSpec['gates'][number];
export type { AxisSpec, CorpusSpec, TemplateSpec } from '../generate/schema.js';

/** The JSON Schema of an audit file, for yaml-language-server and other editors. */
export function auditJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(AuditSpecSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'counterfair audit',
  };
}
