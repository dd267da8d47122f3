/**
 * Spec + lexicons (+ a corpus) → counterfactual sets. Pure: same spec, lexicons and corpus, same
 * sentences in the same order with the same ids.
 */
import { SpecIssueError, type SpecIssue } from '../shared/errors.js';
import type { GenerateSpec } from './schema.js';
import { suggestion } from '../shared/suggest.js';
import type { CorpusTable } from './corpus-read.js';
import { countTemplate, expandTemplate, type Doubled } from './expand.js';
import { defaultGroups } from './fields.js';
import { perturbCorpus } from './perturb.js';
import { planTemplates, type Filler, type TemplatePlan } from './plan.js';
import type { AxisInfo, Generated, Lexicon } from './types.js';

/** What generation reads besides the spec and the axes' lexicons. */
export interface GenerateInputs {
  /** Filler name → its lexicon, for fillers declared `{ lexicon: … }`. */
  fillerLexicons?: Readonly<Record<string, Lexicon>>;
  /** The corpus to perturb, when the spec has `corpus:`. */
  corpus?: CorpusTable;
  /** Seed of `max_sets` sampling: a run's resolved seed (`--seed`); the spec's `seed` when absent. */
  seed?: number;
  /** Most sentences the templates may make: `--max-sentences`; the spec's `max_sentences` when absent. */
  maxSentences?: number;
}

/**
 * Builds every counterfactual set of an audit: the templates' sets, then the corpus's.
 * @param lexicons the lexicon of each axis, keyed by axis name.
 * @throws SpecIssueError for slots naming unknown axes or fields, unknown groups, unused axes.
 */
export function generateSets(spec: GenerateSpec, lexicons: Readonly<Record<string, Lexicon>>, inputs: GenerateInputs = {}): Generated {
  const issues: SpecIssue[] = [];
  if (spec.templates.length === 0 && !spec.corpus) issues.push({ path: ['templates'], message: 'nothing to generate: give templates, a corpus, or both' });
  const axes = resolveAxes(spec, lexicons, issues);
  const fillers = resolveFillers(spec, inputs.fillerLexicons ?? {}, issues);
  // Templates are checked even when an axis or filler has a problem: every problem at once.
  const plans = planTemplates(spec, axes, lexicons, fillers, issues);
  const perturbed = spec.perturb ?? [];
  checkPerturb(spec, issues);
  for (const axis of Object.keys(spec.axes)) {
    if (issues.length === 0 && lexicons[axis] !== undefined && !plans.some((t) => t.axes.includes(axis)) && !perturbed.includes(axis)) {
      issues.push({ path: ['axes', axis], key: true, message: `axis "${axis}" is used by no template${spec.corpus ? ' and not perturbed' : ''}: add a template with {${axis}}${spec.corpus ? `, list it under "perturb"` : ''} or remove the axis` });
    }
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  checkSize(plans, inputs.maxSentences ?? spec.max_sentences, (p) => countTemplate(p, axes, lexicons, fillers));
  const sets = plans.flatMap((p) => {
    let doubled: Doubled | undefined;
    const out = expandTemplate(p, axes, lexicons, fillers, inputs.seed ?? spec.seed, { language: spec.language, onDoubled: (d) => void (doubled ??= d) });
    if (doubled) issues.push(doubledIssue(p, doubled));
    return out;
  });
  if (issues.length > 0) throw new SpecIssueError(issues);
  const generated: Generated = {
    axes,
    templates: plans.map((p) => ({ id: p.id, text: p.text, ...(p.textPair !== undefined ? { text_pair: p.textPair } : {}), axes: p.axes, ...(p.fillers.length > 0 ? { fillers: p.fillers } : {}) })),
    sets,
  };
  if (spec.corpus && inputs.corpus) {
    // A perturbed axis whose lexicon did not load is reported where it is named (as a template's
    // slot is): the corpus is perturbed by the others.
    const swapped = perturbed.flatMap((name) => {
      const [axis, lexicon] = [axes.find((a) => a.name === name), lexicons[name]];
      return axis && lexicon ? [{ axis, lexicon }] : [];
    });
    const result = perturbCorpus(inputs.corpus, swapped, { language: spec.language });
    generated.sets.push(...result.sets);
    generated.corpus = { file: inputs.corpus.file, rows: inputs.corpus.rows.length, sets: result.sets.length, skipped: result.skipped };
  }
  return generated;
}

/**
 * Counts the sentences the templates will make before making any, and stops when there are more
 * than `limit`: located at the template that makes the most, with the counts and what to change.
 * @throws SpecIssueError (`generate.too-many-sentences`).
 */
function checkSize(plans: readonly TemplatePlan[], limit: number, count: (plan: TemplatePlan) => { sets: number; sentences: number }): void {
  const counts = plans.map(count);
  const sentences = counts.reduce((n, c) => n + c.sentences, 0);
  if (sentences <= limit) return;
  const sets = counts.reduce((n, c) => n + c.sets, 0);
  const largest = counts.reduce((best, c, i) => (c.sentences > (counts[best]?.sentences ?? 0) ? i : best), 0);
  const plan = plans[largest];
  const big = counts[largest];
  if (!plan || !big) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new SpecIssueError([
    {
      path: plan.where.text,
      id: 'generate.too-many-sentences',
      message:
        `the templates would make ${n(sentences)} sentences in ${n(sets)} sets (this one ${n(big.sentences)} in ${n(big.sets)} sets), ` +
        `more than max_sentences ${n(limit)}: set max_sets (at the top, or on a template) to sample fewer sets, or raise max_sentences (--max-sentences)`,
    },
  ]);
}

/** A doubled word, located at the template that makes it (one per template). */
function doubledIssue(plan: TemplatePlan, d: Doubled): SpecIssue {
  const groups = Object.entries(d.groups).map(([axis, group]) => `${axis} ${group}`).join(', ');
  return {
    path: d.pair ? plan.where.pair : plan.where.text,
    id: 'generate.doubled-word',
    message: `template doubles "${d.word}" for ${groups}: "${d.sentence}"; a slot's value repeats the word before or after it, so that group's sentence differs by more than the group: reword the template or use another field`,
  };
}

function resolveAxes(spec: GenerateSpec, lexicons: Readonly<Record<string, Lexicon>>, issues: SpecIssue[]): AxisInfo[] {
  return Object.entries(spec.axes).flatMap(([name, axisSpec]) => {
    const lexicon = lexicons[name];
    if (!lexicon) return [];
    const known = lexicon.groups.map((g) => g.group);
    const reference = axisSpec.reference !== undefined ? { reference: axisSpec.reference } : {};
    const groups = axisSpec.groups ?? defaultGroups(lexicon);
    axisSpec.groups?.forEach((g, i) => {
      if (!known.includes(g)) issues.push({ path: ['axes', name, 'groups', i], message: `lexicon "${lexicon.name}" has no group "${g}"${suggestion(g, known)}` });
    });
    const duplicate = groups.find((g, i) => groups.indexOf(g) !== i);
    if (duplicate !== undefined) issues.push({ path: ['axes', name, 'groups'], message: `group "${duplicate}" is listed twice` });
    if (axisSpec.reference !== undefined && !groups.includes(axisSpec.reference)) {
      issues.push({ path: ['axes', name, 'reference'], message: `reference "${axisSpec.reference}" is not one of the axis's groups${suggestion(axisSpec.reference, groups)}` });
    }
    return [{ name, lexicon: lexicon.name, groups, ...reference }];
  });
}

function resolveFillers(spec: GenerateSpec, fillerLexicons: Readonly<Record<string, Lexicon>>, issues: SpecIssue[]): Record<string, Filler> {
  const out: Record<string, Filler> = {};
  for (const [name, f] of Object.entries(spec.fillers ?? {})) {
    if (name in spec.axes) {
      issues.push({ path: ['fillers', name], key: true, message: `"${name}" is both an axis and a filler: rename one` });
      continue;
    }
    if (Array.isArray(f)) {
      const duplicate = f.find((w, i) => f.indexOf(w) !== i);
      if (duplicate !== undefined) issues.push({ path: ['fillers', name], message: `filler "${name}" lists "${duplicate}" twice, which would count its sets twice` });
      out[name] = { kind: 'list', words: f };
    } else {
      const lexicon = fillerLexicons[name];
      if (lexicon) out[name] = { kind: 'lexicon', lexicon };
    }
  }
  return out;
}

function checkPerturb(spec: GenerateSpec, issues: SpecIssue[]): void {
  const axes = Object.keys(spec.axes);
  if (spec.perturb && !spec.corpus) issues.push({ path: ['perturb'], key: true, message: 'perturb needs a corpus: add corpus: { path, text }' });
  if (spec.corpus && !spec.perturb) issues.push({ path: ['corpus'], key: true, message: 'a corpus needs perturb: [axis, …], the axes whose mentions are swapped' });
  spec.perturb?.forEach((name, i) => {
    if (!axes.includes(name)) issues.push({ path: ['perturb', i], message: `perturb names "${name}", which is not declared under "axes"${suggestion(name, axes)}` });
  });
}
