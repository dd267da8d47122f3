/** Generate stage: spec + lexicons (+ a corpus) → counterfactual sets. */
export { generateSets, type GenerateInputs } from './sets.js';
export { loadGenerateInputs } from './inputs.js';
export { builtinLexiconNames, builtinLexiconFile, loadAxisLexicons, loadBuiltinLexicon, loadFillerLexicons } from './lexicons.js';
export { LexiconSchema, readLexiconFile } from './lexicon-file.js';
export { isCommonEnglishWord, lintLexicon, lintLexiconFile, type LintProblem } from './lint.js';
export { fieldInfo, formsOf } from './fields.js';
export { fillSlots, parseSlots, type Slot } from './template.js';
export { articleFor } from './article.js';
export { corpusRows, parseCorpusRecords, readCorpus, type CorpusRecords, type CorpusRow, type CorpusTable } from './corpus-read.js';
export { perturbCorpus, type PerturbAxis, type PerturbResult } from './perturb.js';
export { mentionFinder, type Mention, type MentionFinder } from './mentions.js';
export { pronounRole } from './pronoun-role.js';
export { renderGenerated } from './export.js';
export { describeLexicon, listLexicons } from './lexicon-info.js';
export type { AxisInfo, CounterfactualSet, FieldInfo, Form, Generated, Lexicon, LexiconGroup, Sentence, TemplateInfo } from './types.js';
