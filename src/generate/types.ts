/** Plain, JSON-serialisable data the generate stage hands to the next ones. */

/** One group of a lexicon: the words that stand for it in templates. */
export interface LexiconGroup {
  group: string;
  /** Field → the text a slot `{axis.field}` receives; a list gives one sentence per item. */
  forms: Record<string, string | string[]>;
  attributes?: Record<string, string | number | boolean>;
  source?: string;
}

/** A lexicon: groups of one protected attribute with their word forms. */
export interface Lexicon {
  name: string;
  description?: string;
  source: string;
  license?: string;
  /** The field a bare `{axis}` slot means. */
  default_field: string;
  /** Field name → what it holds. Every group has every field. */
  fields: Record<string, string>;
  groups: LexiconGroup[];
}

/** A template after parsing, with the axes its slots name. */
export interface TemplateInfo {
  id: string;
  text: string;
  /** Second text of a pair (e.g. an NLI hypothesis, with `text` the premise). */
  text_pair?: string;
  /** Axes its slots name, in order of first appearance; two or more make it intersectional. */
  axes: string[];
}

/** One generated sentence (or sentence pair). */
export interface Sentence {
  id: string;
  set_id: string;
  /** The template it was filled from; absent for corpus sentences. */
  template_id?: string;
  /** The corpus row (0-based data row) it was perturbed from; absent for template sentences. */
  corpus_row?: number;
  /** Each axis the set varies → the group this sentence stands for. */
  groups: Record<string, string>;
  text: string;
  /** Second text of a pair, when the template or corpus has one. */
  text_pair?: string;
  /** Slot (as written, e.g. "gender.subject" or a filler name) → the value put in. */
  values: Record<string, string>;
  /** Corpus sets: true for the row's own, unchanged text. */
  original?: boolean;
}

/**
 * A counterfactual set: one template instance (or one corpus row) with one or more sentences
 * per group (per combination of groups when it varies several axes); only the groups change.
 */
export interface CounterfactualSet {
  id: string;
  template_id?: string;
  corpus_row?: number;
  /** The axes that vary within the set. */
  axes: string[];
  /** Filler slot → the word this set uses (filler lists multiply sets, e.g. emotion words). */
  fillers?: Record<string, string>;
  /** The gold label of a labelled corpus row. */
  label?: string;
  sentences: Sentence[];
}

/** An axis as audited: its lexicon and the groups swapped in, in report order. */
export interface AxisInfo {
  name: string;
  lexicon: string;
  groups: string[];
  /** The reference group named in the spec, if any (metrics resolve the default). */
  reference?: string;
}

/** Everything the generate stage produces. */
export interface Generated {
  axes: AxisInfo[];
  templates: TemplateInfo[];
  sets: CounterfactualSet[];
  /** Corpus accounting, when the spec perturbs a corpus: rows read, sets made, rows skipped and why. */
  corpus?: { file: string; rows: number; sets: number; skipped: { row: number; reason: string }[] };
}
