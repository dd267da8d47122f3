/**
 * Two runs whose templates differ, compared on what they share: every metric of both runs is
 * computed again (by the metrics stage, with each run's own seed and bootstrap settings) on the
 * sets both runs have — a set's id is a hash of its template and fillers, so the same template
 * gives the same sets in both runs — from each run's sentences.csv. The sets left out, and the
 * templates they come from, are said on the first screen of the comparison.
 */
import type { AxisInfo, CounterfactualSet, Sentence } from '../generate/index.js';
import { computeAxes, type SentenceScore } from '../metrics/index.js';
import { goldLabels } from '../report/index.js';
import type { AuditResults, SentenceRow, StoredRun } from '../results/index.js';
import type { SetsCompared } from './diff.js';

/** Both runs' results recomputed on the sets they share, and what was left out. */
export function onSharedSets(
  baseline: StoredRun,
  candidate: StoredRun,
): { baseline: AuditResults; candidate: AuditResults; sets: SetsCompared } {
  const idsOf = (run: StoredRun) => new Set(run.sentences.map((s) => s.set_id));
  const a = idsOf(baseline);
  const b = idsOf(candidate);
  const shared = new Set([...a].filter((id) => b.has(id)));
  const onlyTemplates = (run: StoredRun, other: Set<string>) => {
    const texts = new Map(run.results.templates.map((t) => [t.id, t.text_pair === undefined ? t.text : `${t.text} ‖ ${t.text_pair}`]));
    const ids = new Set(
      run.sentences.filter((s) => !other.has(s.set_id) && s.template_id !== undefined).map((s) => s.template_id as string),
    );
    return [...ids].map((id) => texts.get(id) ?? id);
  };
  return {
    baseline: recompute(baseline, shared),
    candidate: recompute(candidate, shared),
    sets: {
      shared: shared.size,
      baselineOnly: a.size - shared.size,
      candidateOnly: b.size - shared.size,
      templatesOnlyIn: { baseline: onlyTemplates(baseline, b), candidate: onlyTemplates(candidate, a) },
    },
  };
}

/** A run's results with every axis computed again on the sets in `keep`. */
function recompute(run: StoredRun, keep: ReadonlySet<string>): AuditResults {
  const { results } = run;
  const axes: AxisInfo[] = results.axes
    .filter((x) => x.axes.length === 1)
    .map((x) => ({
      name: x.name,
      lexicon: x.lexicons[0] ?? '',
      groups: (x.labels[0]?.groups ?? []).map((g) => g.name),
      reference: x.reference,
    }));
  const templateAxes = new Map(results.templates.map((t) => [t.id, t.axes]));
  const gold = goldLabels(results);
  const bySet = new Map<string, SentenceRow[]>();
  for (const s of run.sentences) {
    if (!keep.has(s.set_id)) continue;
    const list = bySet.get(s.set_id) ?? [];
    list.push(s);
    bySet.set(s.set_id, list);
  }
  const single = new Set(axes.map((x) => x.name));
  const sets: CounterfactualSet[] = [...bySet].map(([id, rows]) => {
    const first = rows[0] as SentenceRow;
    const varied =
      first.template_id !== undefined
        ? (templateAxes.get(first.template_id) ?? [])
        : [...new Set(rows.flatMap((r) => Object.keys(r.groups)))];
    const label = first.corpus_row !== undefined ? gold.get(first.corpus_row) : undefined;
    return {
      id,
      ...(first.template_id !== undefined ? { template_id: first.template_id } : {}),
      ...(first.corpus_row !== undefined ? { corpus_row: first.corpus_row } : {}),
      axes: varied.filter((x) => single.has(x)),
      ...(label !== undefined ? { label } : {}),
      sentences: rows.map((r): Sentence => ({
        id: r.sentence_id,
        set_id: r.set_id,
        ...(r.template_id !== undefined ? { template_id: r.template_id } : {}),
        ...(r.corpus_row !== undefined ? { corpus_row: r.corpus_row } : {}),
        groups: r.groups,
        text: r.text,
        ...(r.text_pair !== undefined ? { text_pair: r.text_pair } : {}),
        values: {},
        ...(r.original ? { original: true } : {}),
      })),
    };
  });
  const scores = new Map<string, SentenceScore>(
    run.sentences.filter((s) => keep.has(s.set_id)).map((s) => [s.sentence_id, { probs: s.probs, predicted: s.predicted }]),
  );
  // An axis none of the shared sets varies has nothing to compute: it is left out.
  const varied = axes.filter((x) => sets.some((s) => s.axes.includes(x.name)));
  const recomputed = computeAxes(
    { axes: varied, sets },
    scores,
    { labels: results.model.labels, audited: results.model.audited_label },
    { resamples: results.bootstrap.resamples, confidence: results.bootstrap.confidence, seed: results.seed },
  );
  return { ...results, axes: recomputed };
}
