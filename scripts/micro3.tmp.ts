import { computeAxis } from '../dist/metrics/index.js';
import { createRng } from '../dist/shared/rng.js';
const N = Number(process.argv[2] ?? 51), G = Number(process.argv[3] ?? 197);
const rng = createRng(1);
const groups = Array.from({ length: G }, (_, g) => `g${g}`);
const scores = new Map();
const sets = Array.from({ length: N }, (_, i) => ({ id: `s${i}`, axes: ['c'], sentences: groups.map((group) => { const p = rng.next(); const id = `s${i}-${group}`; scores.set(id, { probs: [1 - p, p], predicted: p > 0.5 ? 'POS' : 'NEG' }); return { id, set_id: `s${i}`, groups: { c: group }, text: id, values: {} }; }) }));
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  computeAxis({ name: 'c', lexicon: 'x', groups }, sets, scores, { labels: ['NEG', 'POS'], audited: 'POS' }, { resamples: 2000, confidence: 0.95, seed: 1 });
  const c = process.cpuUsage(c0);
  console.log(((c.user + c.system) / 1e6).toFixed(2), 's cpu');
}
