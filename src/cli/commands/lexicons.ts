/**
 * `counterfair lexicons [list | show <name|file> | lint [names|files…]]`. Returns the exit code:
 * 0, or 1 when the lint finds problems; throws CounterfairError (exit 2) for a bad action or an
 * unknown lexicon.
 */
import { CounterfairError, formatProblem } from '../../shared/errors.js';
import { suggestion } from '../../shared/suggest.js';
import { allBuiltinLexiconRefs, builtinLexiconTarget, describeLexicon, lintLexiconFile, listLexicons, loadBuiltinLexicon, parseBuiltinRef, readLexiconFile } from '../../generate/index.js';
import type { CliCommand } from '../command.js';
import type { CliContext } from '../context.js';

const ACTIONS = ['list', 'show', 'lint'];

export const lexiconsCommand: CliCommand = {
  name: 'lexicons',
  summary: 'list the built-in lexicons; "show <name|file>" prints one, "lint [files…]" checks them (all built-ins by default)',
  configure: (c) => c.argument('[action]', 'list (default), show or lint').argument('[names...]', 'built-in lexicon names or lexicon files'),
  run: (ctx, [action, names]) => lexicons((action as string | undefined) ?? 'list', (names as string[] | undefined) ?? [], ctx),
};

function lexicons(action: string, names: readonly string[], ctx: CliContext): number {
  const io = { stdout: ctx.out, stderr: ctx.err };
  if (!ACTIONS.includes(action)) throw new CounterfairError('input', `unknown lexicons action "${action}"${suggestion(action, ACTIONS)}; write list, show <name|file> or lint [names|files…]`);
  if (action === 'list') {
    const refs = allBuiltinLexiconRefs();
    io.stdout(listLexicons(refs.map((ref) => loadBuiltinLexicon(parseBuiltinRef(ref)?.name ?? ref, parseBuiltinRef(ref)?.language)), refs));
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
    if (!parseBuiltinRef(ref)) return { file: ref, shown: ref };
    const target = builtinLexiconTarget(ref);
    if (!target) throw new CounterfairError('lexicon', `no built-in lexicon "${ref}"${suggestion(ref, allBuiltinLexiconRefs())}`);
    return target;
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
