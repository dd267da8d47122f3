/** `counterfair compare <baseline> <candidate>`: the change in every metric two runs share. */
import path from 'node:path';
import type { CliCommand } from '../command.js';
import { significant as round } from '../../shared/format.js';
import { EXIT, inert, shownPath } from '../context.js';
import { parseAllowance, parsePath } from '../flags.js';

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'compare two runs of the same audit: the change in every shared metric, with intervals',
  configure: (c) =>
    c
      .argument('<baseline>', 'results.json (or its folder) of the baseline run')
      .argument('<candidate>', 'results.json (or its folder) of the candidate run')
      .option('--max-regression <x>', 'how much further from its no-disparity value a metric may move', parseAllowance, 0)
      .option('--estimates-only', 'judge regressions by the estimates alone (default: the interval of the change must exclude 0 too)')
      .option('-o, --out <dir>', 'where compare.md, compare.html and compare.json go', parsePath, path.join('reports', 'compare')),
  async run(ctx, [baseline, candidate], flags) {
    const maxRegression = flags['maxRegression'] as number;
    const out = flags['out'] as string;
    const { compareRuns, setsText, writeComparison } = await import('../../compare/index.js');
    const cmp = compareRuns(baseline as string, candidate as string, { maxRegression, rule: flags['estimatesOnly'] ? 'estimate' : 'interval' });
    await writeComparison(out, cmp);
    if (cmp.sets) ctx.err(`${setsText(cmp)}\n`);
    const regressed = cmp.changes.filter((x) => x.regressed);
    for (const c of regressed) {
      const where = `${c.axis}${c.group !== undefined ? ` / ${c.group}` : ''}${c.label !== undefined ? ` (${c.label})` : ''}`;
      ctx.out(`REGRESSED  ${c.metric} on ${inert(where)}: ${round(c.baseline.value)} → ${round(c.candidate.value)}, ${round(c.worsening ?? 0)} further from ${c.ideal}\n`);
    }
    ctx.out(`${cmp.passed ? 'NO REGRESSION' : 'REGRESSED'}: ${regressed.length} of ${cmp.changes.length} shared metrics beyond ${maxRegression}\n`);
    ctx.err(`wrote compare.md, compare.html, compare.json to ${shownPath(ctx, out)}\n`);
    return cmp.passed ? EXIT.pass : EXIT.gateFailed;
  },
};
