/** Generate stage: spec + lexicons → counterfactual sets. */
export { generateSets } from './sets.js';
export { builtinLexiconNames, loadAxisLexicons, loadBuiltinLexicon, readLexiconFile, LexiconSchema } from './lexicons.js';
export { fillSlots, parseSlots, type Slot } from './template.js';
export type { AxisInfo, CounterfactualSet, Generated, Lexicon, LexiconGroup, Sentence, TemplateInfo } from './types.js';
export { renderGenerated } from './export.js';
