import { loadSpec, resolveRunOptions, runAudit, type Classifier } from '../src/index.ts';
const loaded = loadSpec(process.argv[2]!);
const instant: Classifier = {
  labels: ['NEGATIVE', 'POSITIVE'], device: 'none', dtype: 'none',
  async classify(inputs) { return inputs.map(({ text }) => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 1009; const p = h / 1009; return [1 - p, p]; }); },
  async dispose() {},
};
const t0 = performance.now(); const c0 = process.cpuUsage();
const run = await runAudit(loaded, resolveRunOptions(loaded, { classifier: instant }));
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, timings: run.timings }));
