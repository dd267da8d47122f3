/** The results contract: what results.json holds and every report is rendered from. */
import type { LlmRecord } from '../classify/index.js';
import type { Generated, Sentence, TemplateInfo } from '../generate/types.js';
import type { GateResult, VerdictName } from '../gate/index.js';
import type { AxisResult, Breakdown } from '../metrics/index.js';

/** Version tag of results.json; later versions only add fields. */
export const RESULTS_SCHEMA = 'counterfair/results@2';

/** Everything an audit found: the contract CI parses, written as results.json. */
export interface AuditResults {
  schema: typeof RESULTS_SCHEMA;
  name: string;
  description?: string;
  /**
   * passed (exit 0), failed (exit 1) or inconclusive (exit 3: no gate failed, but an
   * error-severity gate had too little evidence to decide). Version 2 replaced version 1's
   * `passed` boolean, which read true for an audit that could not decide.
   */
  verdict: VerdictName;
  seed: number;
  /** ISO time the audit ran: the one field that differs between two identical runs. */
  created_at: string;
  counterfair_version: string;
  spec: { file: string; sha256: string };
  model: {
    /** Hub id or the folder as written in the spec. */
    source: string;
    fingerprint: string;
    labels: string[];
    audited_label: string;
    /** Where inference ran: cpu, cuda or webgpu (local models), remote (servers), module. */
    device: string;
    /** The spec's `model.device` (cpu, cuda, webgpu or auto); absent in results written before it was recorded. */
    device_requested?: string;
    /** The adapter a GPU ran on, where the runtime names it (e.g. `NVIDIA (PCI 10de:2335)`). */
    adapter?: string;
    /** With `device: auto`, the GPUs passed over, each with its reason (empty when the first GPU ran). */
    device_fallbacks?: { device: string; reason: string }[];
    /** The backend that ran the model: onnxruntime, kserve, tei or module (absent for a classifier passed in). */
    backend?: string;
    dtype: string;
    /** An LLM backend's settings: the model its server reports, prompt, verbalizers, scoring (see docs/llm.md). */
    llm?: LlmRecord;
  };
  bootstrap: { resamples: number; confidence: number };
  templates: TemplateInfo[];
  /** Corpus accounting, when the audit perturbs a corpus; `gold`: the gold label of each labelled row that became a set. */
  corpus?: NonNullable<Generated['corpus']> & { gold?: { row: number; label: string }[] };
  /** One entry per axis, then one per combination of axes (intersectional templates). */
  axes: AxisResult[];
  /** The spec's `breakdown:`: every axis per value of a filler or per template (absent without one). */
  breakdowns?: Breakdown[];
  gates: GateResult[];
}

/** One row of sentences.csv: a generated sentence (its id as `sentence_id`) with the model's answer. */
export type SentenceRow = Pick<Sentence, 'set_id' | 'template_id' | 'corpus_row' | 'groups' | 'text' | 'text_pair' | 'original'> & {
  sentence_id: string;
  /** The set's filler words by filler name (emotion → angry), when its template has fillers. */
  fillers?: Record<string, string>;
  /** For lexicon fillers: the group of the lexicon the word comes from (emotion → anger). */
  filler_groups?: Record<string, string>;
  predicted: string;
  /** Probability of each label, in the model's label order. */
  probs: number[];
  /** Numbers the backend reports per input besides the probabilities (an LLM's `outside_mass`). */
  extras?: Record<string, number>;
};
