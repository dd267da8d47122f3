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

/** A template after parsing, with the axis its slots name. */
export interface TemplateInfo {
  id: string;
  text: string;
  axis: string;
}

/** One generated sentence. */
export interface Sentence {
  id: string;
  set_id: string;
  template_id: string;
  axis: string;
  group: string;
  text: string;
  /** Slot (as written, e.g. "gender.subject") → the value put in. */
  values: Record<string, string>;
}

/** A counterfactual set: one template instance, one or more sentences per group; only the group changes. */
export interface CounterfactualSet {
  id: string;
  template_id: string;
  axis: string;
  sentences: Sentence[];
}

/** An axis as audited: its lexicon and the groups swapped in, in report order. */
export interface AxisInfo {
  name: string;
  lexicon: string;
  groups: string[];
}

/** Everything the generate stage produces. */
export interface Generated {
  axes: AxisInfo[];
  templates: TemplateInfo[];
  sets: CounterfactualSet[];
}
