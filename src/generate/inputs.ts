/** Everything the generate stage reads from disk for a spec: lexicons, filler lexicons, corpus. */
import { SpecIssueError, type SpecIssue } from '../shared/errors.js';
import type { GenerateSpec } from './schema.js';
import { readCorpus } from './corpus-read.js';
import { loadAxisLexicons, loadFillerLexicons } from './lexicons.js';
import type { GenerateInputs } from './sets.js';
import type { Lexicon } from './types.js';

/**
 * Reads the lexicons of the axes and fillers and the corpus of a spec; reports every missing
 * lexicon and an unreadable corpus at once.
 * @param specDir folder of the spec; paths in it are relative to it.
 * @throws SpecIssueError (paths in the spec), CounterfairError (problems inside a file).
 */
export function loadGenerateInputs(spec: GenerateSpec, specDir: string): GenerateInputs & { lexicons: Record<string, Lexicon> } {
  const issues: SpecIssue[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof SpecIssueError)) throw err;
      issues.push(...err.issues);
      return undefined;
    }
  };
  const lexicons = attempt(() => loadAxisLexicons(spec, specDir)) ?? {};
  const fillerLexicons = attempt(() => loadFillerLexicons(spec, specDir)) ?? {};
  const corpus = spec.corpus ? attempt(() => readCorpus(spec.corpus as NonNullable<GenerateSpec['corpus']>, specDir)) : undefined;
  if (issues.length > 0) throw new SpecIssueError(issues);
  return { lexicons, fillerLexicons, ...(corpus ? { corpus } : {}) };
}
