/**
 * `counterfair lexicons [list | show <name|file> | lint [names|files…]]`. Returns the exit code:
 * 0, or 1 when the lint finds problems; throws CounterfairError (exit 2) for a bad action or an
 * unknown lexicon.
 */
import path from 'node:path';
import { CounterfairError, formatProblem } from '../shared/errors.js';
import { suggestion } from '../shared/suggest.js';
import { describeLexicon, listLexicons } from './lexicon-info.js';
import { allBuiltinLexiconRefs, BUILTIN_LEXICON_DIR, builtinLexiconFile, loadBuiltinLexicon, parseBuiltinRef } from './lexicons.js';
import { readLexiconFile } from './lexicon-file.js';
import { lintLexiconFile } from './lint.js';

const ACTIONS = ['list', 'show', 'lint'];

/** A built-in lexicon by its CLI reference (`countries`, `es/countries`). */
function builtin(ref: string) {
  const known = parseBuiltinRef(ref);
  return known ? loadBuiltinLexicon(known.name, known.language) : loadBuiltinLexicon(ref);
}

/** Runs the lexicons command; `io` as the CLI's. */
export function lexiconsCommand(action: string, names: readonly string[], io: { stdout: (t: string) => void; stderr: (t: string) => void }): number {
  if (!ACTIONS.includes(action)) throw new CounterfairError('input', `unknown lexicons action "${action}"${suggestion(action, ACTIONS)}; write list, show <name|file> or lint [names|files…]`);
  if (action === 'list') {
    const refs = allBuiltinLexiconRefs();
    io.stdout(listLexicons(refs.map((ref) => builtin(ref)), refs));
    return 0;
  }
  if (action === 'show') {
    if (names.length !== 1) throw new CounterfairError('input', 'lexicons show takes one lexicon: a built-in name or a file');
    const ref = names[0] as string;
    const known = parseBuiltinRef(ref);
    io.stdout(describeLexicon(known ? loadBuiltinLexicon(known.name, known.language) : readLexiconFile(ref, ref)));
    return 0;
  }
  const targets = (names.length > 0 ? names : allBuiltinLexiconRefs()).map((ref) => {
    const known = parseBuiltinRef(ref);
    if (!known) return { file: ref, shown: ref };
    const file = builtinLexiconFile(known.name, known.language);
    if (!file) throw new CounterfairError('lexicon', `no built-in lexicon "${ref}"${suggestion(ref, allBuiltinLexiconRefs())}`);
    return { file, shown: `lexicons/${path.relative(BUILTIN_LEXICON_DIR, file).split(path.sep).join('/')}` };
  });
  let failed = 0;
  for (const t of targets) {
    const problems = lintLexiconFile(t.file, t.shown);
    for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
    if (problems.length > 0) failed++;
    io.stdout(`${t.shown}: ${problems.length === 0 ? 'ok' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}\n`);
  }
  return failed > 0 ? 1 : 0;
}
