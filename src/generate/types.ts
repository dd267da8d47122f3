/** Plain, JSON-serialisable data the generate stage hands to the next ones. */
import type { Language } from './language.js';

/**
 * What a group holds for one field: one form; a list (an unpaired list such as first names gives
 * one sentence per item, averaged within the set; a paired list gives one set per position); or,
 * for a field declared `by` another axis, a mapping from that axis's group to a form or list.
 */
export type Form = string | string[] | Record<string, string | string[]>;

/** One group of a lexicon: the words that stand for it in templates. */
export interface LexiconGroup {
  group: string;
  /** Field → the text a slot `{axis.field}` receives. */
  forms: Record<string, Form>;
  attributes?: Record<string, string | number | boolean>;
  source?: string;
}

/** A lexicon: groups of one protected attribute with their word forms. */
export interface Lexicon {
  name: string;
  /** The language its forms are in; a spec in another language cannot use it. Absent: any. */
  language?: Language;
  description?: string;
  source: string;
  license?: string;
  /** The field a bare `{axis}` slot means. */
  default_field: string;
  /** Field name → its documentation, or its declaration. Every group has every field. */
  fields: Record<string, string | FieldInfo>;
  /** Groups an axis uses when the spec lists none (all groups when absent). */
  default_groups?: string[];
  /** First names the lint accepts although they are common English words, each with why. */
  common_words?: Record<string, string>;
  groups: LexiconGroup[];
}

/** How a lexicon field behaves (lexicons/README.md). A bare string in a lexicon file is `{ doc }`. */
export interface FieldInfo {
  doc: string;
  /**
   * A series name: the field holds a list in every group, and item i of one group is the
   * counterpart of item i of every other (she/he, my daughter/my son). Each position makes its
   * own set. Fields with the same series vary together.
   */
  paired?: string;
  /** The name of another axis: the form depends on that axis's group (first names by gender). */
  by?: string;
  /**
   * Corpus perturbation: mentions of this field's forms are swapped for another group's form of
   * the same field (true) or of the named field.
   */
  swap?: boolean | string;
  /**
   * Where one word is two fields (her: object and possessive; Spanish "iraquí": feminine and
   * masculine), the role that picks one: English decides by the words after it, Spanish by the
   * determiner before it. `standalone` also marks a Spanish word that is a whole noun phrase
   * (él, ella), whose agreement is only that of a predicate ("ella es alta").
   */
  role?: 'determiner' | 'standalone' | 'feminine' | 'masculine';
  /** The field holds first names: the lint rejects common English words. */
  names?: boolean;
}

/** A template after parsing, with the axes its slots name. */
export interface TemplateInfo {
  id: string;
  text: string;
  /** Second text of a pair (e.g. an NLI hypothesis, with `text` the premise). */
  text_pair?: string;
  /** Axes its slots name, in order of first appearance; two or more make it intersectional. */
  axes: string[];
  /** Fillers its slots name, in order of first appearance. */
  fillers?: string[];
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
  /** Filler → the group of its lexicon the word comes from (e.g. emotion → anger), for lexicon fillers. */
  filler_groups?: Record<string, string>;
  /** Position in a paired series (series name → index), when the template uses one. */
  pairs?: Record<string, number>;
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
