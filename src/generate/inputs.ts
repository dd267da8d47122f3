/** Everything the generate stage reads from disk for a spec: lexicons, filler lexicons, corpus. */
import { CounterfairError, SpecIssueError, type Problem, type SpecIssue } from '../shared/errors.js';
import { readCorpus } from './corpus-read.js';
import { resolveLexicon } from './lexicons.js';
import type { GenerateSpec } from './schema.js';
import type { GenerateInputs } from './sets.js';
import type { Lexicon } from './types.js';

/** What a spec's files gave, and what went wrong reading them. */
export interface CollectedInputs extends GenerateInputs {
  /** The lexicon of each axis that loaded, keyed by axis name. */
  lexicons: Record<string, Lexicon>;
  /** Problems at a place in the spec (an unknown lexicon name, a missing file). */
  issues: SpecIssue[];
  /** Problems inside another file (a lexicon or corpus that does not check out), located there. */
  problems: Problem[];
}

/**
 * Reads every lexicon of the axes and fillers and the corpus of a spec, going on past the ones
 * that fail so every problem is known at once; what failed is left out of the result.
 * @param specDir folder of the spec; paths in it are relative to it.
 */
export function collectGenerateInputs(spec: GenerateSpec, specDir: string): CollectedInputs {
  const issues: SpecIssue[] = [];
  const problems: Problem[] = [];
  const guard = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof SpecIssueError) issues.push(...err.issues);
      else if (err instanceof CounterfairError) problems.push(...err.problems);
      else throw err;
      return undefined;
    }
  };
  const lexicons: Record<string, Lexicon> = {};
  for (const [axis, axisSpec] of Object.entries(spec.axes)) {
    const lexicon = guard(() => resolveLexicon(axisSpec.lexicon, specDir, spec.language, ['axes', axis, 'lexicon'], issues));
    if (lexicon) lexicons[axis] = lexicon;
  }
  const fillerLexicons: Record<string, Lexicon> = {};
  for (const [name, filler] of Object.entries(spec.fillers ?? {})) {
    if (Array.isArray(filler)) continue;
    const lexicon = guard(() => resolveLexicon(filler.lexicon, specDir, spec.language, ['fillers', name, 'lexicon'], issues));
    if (lexicon) fillerLexicons[name] = lexicon;
  }
  const corpusSpec = spec.corpus;
  const corpus = corpusSpec ? guard(() => readCorpus(corpusSpec, specDir)) : undefined;
  return { lexicons, fillerLexicons, corpus, issues, problems };
}

/**
 * Reads the lexicons of the axes and fillers and the corpus of a spec; reports every missing
 * lexicon and an unreadable corpus at once.
 * @param specDir folder of the spec; paths in it are relative to it.
 * @throws CounterfairError (problems inside a file), else SpecIssueError (paths in the spec).
 */
export function loadGenerateInputs(spec: GenerateSpec, specDir: string): GenerateInputs & { lexicons: Record<string, Lexicon> } {
  const { issues, problems, ...inputs } = collectGenerateInputs(spec, specDir);
  if (problems.length > 0) throw new CounterfairError('lexicon', problems);
  if (issues.length > 0) throw new SpecIssueError(issues);
  return inputs;
}
