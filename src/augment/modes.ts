/** The augmentation modes and the axes `--axes` knows by name: typed data tables for the CLI, docs and checks. */
import type { AugmentMode } from './types.js';

/** One mode: its name, what it writes, the method it follows. */
export interface ModeInfo {
  name: AugmentMode;
  doc: string;
  reference: string;
}

/** Every mode, the default first. */
export const AUGMENT_MODES: readonly ModeInfo[] = [
  {
    name: 'two-sided',
    doc: 'every row as written, then its copies with each other group of each axis it mentions, in every combination (or --copies)',
    reference: 'counterfactual data augmentation, CDA (Lu et al. 2018)',
  },
  {
    name: 'substitute',
    doc: 'one row per row: each axis it mentions swapped with probability 0.5 (seeded)',
    reference: 'counterfactual data substitution, CDS (Hall Maudslay et al. 2019)',
  },
];

/** The mode names, default first. */
export const MODE_NAMES = AUGMENT_MODES.map((m) => m.name);

/** An axis known by name: the built-in lexicon it swaps. */
export interface AxisEntry {
  name: string;
  lexicon: string;
  doc: string;
}

/** Axes by name; any other axis is a lexicon file. */
export const AUGMENT_AXES: readonly AxisEntry[] = [
  { name: 'gender', lexicon: 'gender', doc: 'pronouns, person, kinship and title nouns, gendered occupations; female ↔ male by default' },
  { name: 'country', lexicon: 'countries', doc: 'country names, aliases and demonyms; every country unless --groups names some' },
  { name: 'religion', lexicon: 'religions', doc: 'religions, their adjectives, followers and places of worship' },
];
