/** Generate stage: spec + lexicons (+ a corpus) → counterfactual sets. */
export { generateSets, type GenerateInputs } from './sets.js';
export { collectGenerateInputs, loadGenerateInputs, type CollectedInputs } from './inputs.js';
export { allBuiltinLexiconRefs, builtinLexiconNames, builtinLexiconFile, builtinLexiconTarget, isLexiconPath, loadAxisLexicons, loadBuiltinLexicon, loadFillerLexicons, parseBuiltinRef } from './lexicons.js';
export { DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, type Language, type LanguageInfo } from './language.js';
export { LexiconSchema, readLexiconFile } from './lexicon-file.js';
export { isCommonEnglishWord, lintLexicon, lintLexiconFile, type LintProblem } from './lint.js';
export { fieldInfo, formsOf } from './fields.js';
export { fillSlots, fillTemplate, parseSlots, type Filled, type Slot } from './template.js';
export { articleFor } from './article.js';
export { corpusRows, parseCorpusRecords, readCorpus, type CorpusRecords, type CorpusRow, type CorpusTable } from './corpus-read.js';
export { perturbCorpus, type PerturbAxis, type PerturbOptions, type PerturbResult } from './perturb.js';
export { mentionFinder, type Mention, type MentionFinder } from './mentions.js';
export { pronounRole } from './pronoun-role.js';
export { renderGenerated, sentenceIdentity } from './export.js';
export { describeLexicon, listLexicons } from './lexicon-info.js';
export type { AxisInfo, CounterfactualSet, FieldInfo, Form, Generated, Lexicon, LexiconGroup, Sentence, TemplateInfo } from './types.js';
