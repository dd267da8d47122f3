import { readFileSync } from 'node:fs';
import { parseSpec, resolveRunOptions, runAudit } from '../src/index.ts';
const SPEC = 'test/fixtures/gender-country-module.yaml';
const loaded = parseSpec(readFileSync(SPEC, 'utf8').replace('./modules/country-only.js', './modules/gender-only.js'), SPEC);
const r = (await runAudit(loaded, resolveRunOptions(loaded))).results;
const c = r.axes.find((a) => a.name === 'country')!;
for (const l of c.labels) { for (const [k, m] of Object.entries(l.metrics)) if (m.value !== 0 && m.value !== 1) console.log(l.label, k, m.value); for (const g of l.groups) for (const [k, m] of Object.entries(g.metrics)) if (k === 'delta' && m.value !== 0) console.log(l.label, g.name, k, m.value); }
for (const [k, m] of Object.entries(c.metrics)) if (m.value !== 0) console.log(k, m.value);
