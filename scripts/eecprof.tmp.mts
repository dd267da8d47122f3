import { loadSpec, resolveRunOptions, runAudit } from '../dist/index.js';
const loaded = loadSpec('audits/eec.yaml');
const classifier = { labels: ['NEGATIVE', 'POSITIVE'], device: 'none', dtype: 'none', async classify(inputs: { text: string }[]) { return inputs.map(({ text }) => { const p = (text.length % 7) / 8 + 0.0625; return [1 - p, p]; }); }, async dispose() {} };
const c0 = process.cpuUsage();
const run = await runAudit(loaded, resolveRunOptions(loaded, { classifier }));
const c = process.cpuUsage(c0); console.log((c.user + c.system) / 1e6, JSON.stringify(run.timings.stages));
